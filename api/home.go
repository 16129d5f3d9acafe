package api

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// homePage is what a browser sees at the root: where to go from here. The
// graph explorer replaces it once the web application is built in.
//
//go:embed home.html
var homePage []byte

func (s *Server) home(c *gin.Context) {
	c.Data(http.StatusOK, "text/html; charset=utf-8", homePage)
}
