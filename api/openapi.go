package api

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openAPIDocument describes every endpoint, parameter, response and error of
// the API. It is written by hand next to the code, and the tests hold the
// two together by validating real responses against it.
//
//go:embed openapi.json
var openAPIDocument []byte

// openAPI serves GET /openapi.json.
func (s *Server) openAPI(c *gin.Context) {
	c.Data(http.StatusOK, "application/json", openAPIDocument)
}
