// Package web holds the built graph explorer, embedded so that the
// archivegraph binary serves it with no files beside it.
//
// The sources are in src/; `make web` rebuilds dist/, which is committed.
// dist/manifest.json records a hash of the sources it was built from, and
// the package's test fails when the sources have changed since.
package web

import (
	"embed"
	"io/fs"
)

//go:embed dist
var dist embed.FS

// Assets returns the built explorer: index.html at the root, the bundle
// under assets/ and manifest.json.
func Assets() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// fs.Sub fails only on an invalid path, and "dist" is valid.
		panic(err)
	}
	return sub
}
