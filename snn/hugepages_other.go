//go:build !linux

package snn

// adviseHugePages does nothing outside Linux (see hugepages_linux.go).
func adviseHugePages[T any](s []T) {}
