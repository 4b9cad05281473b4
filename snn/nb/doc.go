// Package nb is the plumbing of a study notebook: Check and Must stop a
// cell at an error, Result prints the cell's key numbers for the notebook
// tests (and records them for the rest of the kernel session), Conclusion
// renders the study's conclusion from those recorded numbers, and Progress
// shows a long run's progress. It is for GoNB cells and main programs
// (Check exits the process); the simulator and its analysis never import
// it.
//
// A conclusion is a code cell, tagged "conclusion" (scripts/studies.sh
// then shows only its rendered Markdown in the HTML report):
//
//	%%
//	nb.Conclusion(`Neurons fire irregularly (CV {cv_e:.2f}) at {rate_e_hz:.1f} Hz;
//	{silent_frac_e:.1%} of them are silent.`)
//
// Every number in it is a placeholder of a value an earlier cell passed
// to Result; a number typed into it, or a placeholder of a value the run
// did not record, stops the cell, so a conclusion cannot drift from the
// run (see Render for the rules). The notebook test checks the
// qualitative claims of the rendered conclusion (notebooks/claims_test.go).
package nb
