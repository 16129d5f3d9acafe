package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/archivegraph/archivegraph/web"
	"github.com/gin-gonic/gin"
)

// The graph explorer is a static bundle embedded by the web package:
// index.html at "/" and content-hashed files under /assets/. The page calls
// the API with relative URLs, so it works behind a path prefix too.

// explorerFiles is the embedded bundle; a variable so tests can swap it.
var explorerFiles = web.Assets()

// explorer serves GET / with index.html. Browsers revalidate it on every
// visit (its ETag changes with each build), so a new build's asset names
// reach them at once.
func (s *Server) explorer(c *gin.Context) error {
	page, err := fs.ReadFile(explorerFiles, "index.html")
	if err != nil {
		return errors.New("api: the embedded explorer has no index.html")
	}
	sum := sha256.Sum256(page)
	c.Header("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
	c.Header("Cache-Control", "no-cache")
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Header("X-Content-Type-Options", "nosniff")
	http.ServeContent(c.Writer, c.Request, "index.html", time.Time{}, bytes.NewReader(page))
	return nil
}

// explorerAsset serves GET /assets/{file}. The names hold a hash of the
// content, so a file never changes under its name and may be cached for good.
func (s *Server) explorerAsset(c *gin.Context) error {
	name := path.Join("assets", path.Clean("/"+c.Param("file")))
	data, err := fs.ReadFile(explorerFiles, name)
	if err != nil || !strings.HasPrefix(name, "assets/") {
		return withMessage(errNoRoute, "no file %s", c.Request.URL.Path)
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	c.Header("Cache-Control", "public, max-age=31536000, immutable")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(http.StatusOK, ctype, data)
	return nil
}
