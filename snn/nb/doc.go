// Package nb is the plumbing of a study notebook: Check and Must stop a
// cell at an error, Result prints the cell's key numbers for the notebook
// tests, and Progress shows a long run's progress. It is for GoNB cells and
// main programs (Check exits the process); the simulator and its analysis
// never import it.
package nb
