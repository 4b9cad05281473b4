// Package docker holds the Dockerfile of the JupyterLab image, the parser
// of its instructions, and the tests that keep it honest on machines
// without a Docker engine.
//
// make test (untagged tests): the paths it copies exist, it runs the same
// set-up script as the native route, its base images are pinned by tag, its
// port, user and start command match the README, and every instruction is
// one make test-image can carry out (Parse and the build plan), so the two
// cannot drift apart.
//
// make test-notebooks (tag notebooks): the set-up script works on a clean
// home, and make lab starts (as root too), answers with its token and runs
// the quickstart's cells through the server's kernel API.
//
// make test-image (tag image, root, many minutes): the image's root file
// system is built from Debian with debootstrap by carrying out the
// Dockerfile's own instructions in a chroot, then, with the network cut,
// every notebook runs and every chart draws in the root's chromium, and the
// image's start command (JupyterLab) serves the notebooks through its API;
// see image_test.go.
package docker
