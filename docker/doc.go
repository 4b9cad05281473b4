// Package docker holds the Dockerfile of the Jupyter image and the tests
// that keep it honest on machines without a Docker engine: the paths it
// copies exist, it runs the same set-up script as the native route, its
// base images are pinned by tag, and its port and start command match the
// README; and the set-up script works on a clean home (tag "notebooks").
package docker
