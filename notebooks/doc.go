// Package notebooks holds the study notebooks (*.ipynb) and their tests.
//
// The tests (build tag "notebooks", run by `make test`) execute every
// notebook with scripts/studies.sh, check that no cell failed, that every
// notebook shows charts, and that the key numbers each prints on its
// `SNN_RESULT {...}` line are in their expected ranges; then they render
// every HTML report in headless chromium with the network closed, check
// that each chart drew a canvas, and save a screenshot beside the report.
package notebooks
