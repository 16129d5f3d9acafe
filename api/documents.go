package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/archivegraph/archivegraph/extractor"
	"github.com/archivegraph/archivegraph/graph"
	"github.com/gin-gonic/gin"
)

// Bounds of a posted document's metadata.
const (
	maxTitleLen  = 1000
	maxDateLen   = 100
	maxSourceLen = 1000
	// multipartMemory is how much of a multipart upload is held in memory
	// before the rest goes to a temporary file; the body limit bounds both.
	multipartMemory = 8 << 20
)

// documents serves GET /api/v1/documents?q=&from=&to=&limit=&offset=.
func (s *Server) documents(c *gin.Context) error {
	p := newParams(c)
	f := graph.DocumentFilter{
		Query:  p.text("q"),
		Period: p.period("from", "to"),
		Limit:  p.limit(defaultDocumentLimit),
		Offset: p.nonNegative("offset"),
	}
	if p.err != nil {
		return p.err
	}
	items, err := s.graph.Documents(c.Request.Context(), f)
	if err != nil {
		return fmt.Errorf("documents %q: %w", f.Query, err)
	}
	c.JSON(http.StatusOK, newList(items, f.Limit, f.Offset))
	return nil
}

// document serves GET /api/v1/documents/{id}: the text with the entity
// mentions in it.
func (s *Server) document(c *gin.Context) error {
	id, err := documentPath(c.Request.URL)
	if err != nil {
		return err
	}
	d, err := s.graph.Document(c.Request.Context(), id)
	if err != nil {
		return documentError(err, id)
	}
	d.Annotations = orEmpty(d.Annotations)
	c.JSON(http.StatusOK, d)
	return nil
}

// deleteDocument serves DELETE /api/v1/documents/{id}.
func (s *Server) deleteDocument(c *gin.Context) error {
	id, err := documentPath(c.Request.URL)
	if err != nil {
		return err
	}
	if err := s.graph.DeleteDocument(c.Request.Context(), id); err != nil {
		return documentError(err, id)
	}
	c.Status(http.StatusNoContent)
	c.Writer.WriteHeaderNow()
	return nil
}

// documentError words a failed lookup of document id for its user.
func documentError(err error, id string) error {
	if errors.Is(err, graph.ErrNotFound) {
		return withMessage(err, "no document with id %q", id)
	}
	return fmt.Errorf("document %q: %w", id, err)
}

// postedDocument is the JSON body of POST /api/v1/documents; the same
// fields come as query parameters with a text/plain body.
type postedDocument struct {
	ID     string  `json:"id"`
	Title  string  `json:"title"`
	Date   string  `json:"date"`
	Source string  `json:"source"`
	Text   *string `json:"text"`
}

// ingestBody is the answer of POST /api/v1/documents.
type ingestBody struct {
	ID     string           `json:"id"`  // the first document's
	IDs    []string         `json:"ids"` // every document's, in input order
	Result graph.LoadResult `json:"result"`
}

// postDocuments serves POST /api/v1/documents: it extracts the posted
// document (or the documents of an uploaded file) and loads them. A new
// document answers 201; one that replaced or matched a stored version, 200.
func (s *Server) postDocuments(c *gin.Context) error {
	x, err := s.documentExtractor()
	if err != nil {
		return err
	}
	var docs []extractor.Document
	mediaType, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	switch mediaType {
	case "application/json":
		docs, err = s.postedJSON(c, x)
	case "text/plain":
		docs, err = s.postedText(c, x)
	case "multipart/form-data":
		docs, err = s.postedFile(c, x)
	default:
		err = withMessage(errUnsupportedMedia,
			"Content-Type must be application/json, text/plain or multipart/form-data, not %q", c.GetHeader("Content-Type"))
	}
	if err != nil {
		return err
	}
	result, err := s.graph.Load(c.Request.Context(), docs)
	if err != nil {
		return fmt.Errorf("load %d posted documents: %w", len(docs), err)
	}
	body := ingestBody{ID: docs[0].ID, Result: result}
	for _, d := range docs {
		body.IDs = append(body.IDs, d.ID)
	}
	status := http.StatusOK
	if result.Loaded > 0 {
		status = http.StatusCreated
	}
	c.JSON(status, body)
	return nil
}

// documentExtractor returns the extractor of posted documents, made once.
func (s *Server) documentExtractor() (*extractor.Extractor, error) {
	s.extractorOnce.Do(func() {
		if s.extractor == nil {
			s.extractor, s.extractorErr = extractor.New(extractor.Options{})
		}
	})
	if s.extractorErr != nil {
		return nil, fmt.Errorf("extractor: %w", s.extractorErr)
	}
	return s.extractor, nil
}

func (s *Server) postedJSON(c *gin.Context, x *extractor.Extractor) ([]extractor.Document, error) {
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		return nil, bodyError(err)
	}
	var d postedDocument
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil || dec.More() {
		return nil, withMessage(errBadRequest,
			`body must be one JSON object {"text", and optionally "id", "title", "date", "source"}`)
	}
	if d.Text == nil {
		return nil, badParam("text", "is required")
	}
	return s.extractPosted(x, d)
}

func (s *Server) postedText(c *gin.Context, x *extractor.Extractor) ([]extractor.Document, error) {
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		return nil, bodyError(err)
	}
	text := string(body)
	return s.extractPosted(x, postedDocument{
		ID: c.Query("id"), Title: c.Query("title"), Date: c.Query("date"), Source: c.Query("source"),
		Text: &text,
	})
}

// extractPosted analyses one posted text with its metadata. The text goes
// through the extractor's JSON-lines reader, whose metadata fields are
// exactly the posted ones, so a posted document reads as it would from a
// file.
func (s *Server) extractPosted(x *extractor.Extractor, d postedDocument) ([]extractor.Document, error) {
	text := *d.Text
	switch {
	case !utf8.ValidString(text):
		return nil, badParam("text", "must be valid UTF-8")
	case strings.TrimSpace(text) == "":
		return nil, badParam("text", "must not be empty")
	}
	if d.ID == "" {
		// The same text posted twice is the same document, found unchanged.
		sum := sha256.Sum256([]byte(text))
		d.ID = "upload-" + hex.EncodeToString(sum[:8])
	}
	if err := checkMetadata(d); err != nil {
		return nil, err
	}
	line, err := json.Marshal(map[string]string{"id": d.ID, "title": d.Title, "date": d.Date, "text": text})
	if err != nil {
		return nil, fmt.Errorf("encode posted document: %w", err)
	}
	docs, err := x.Extract("posted.jsonl", line)
	if err != nil || len(docs) != 1 {
		return nil, fmt.Errorf("extract posted document: %d documents, %w", len(docs), err)
	}
	docs[0].Source = d.Source
	if docs[0].Source == "" {
		docs[0].Source = "api"
	}
	return docs, nil
}

// checkMetadata bounds what a client may store alongside a text.
func checkMetadata(d postedDocument) error {
	if err := checkID(d.ID); err != nil {
		return err
	}
	for _, f := range []struct {
		name, value string
		max         int
	}{{"title", d.Title, maxTitleLen}, {"date", d.Date, maxDateLen}, {"source", d.Source, maxSourceLen}} {
		switch {
		case !utf8.ValidString(f.value):
			return badParam(f.name, "must be valid UTF-8")
		case utf8.RuneCountInString(f.value) > f.max:
			return badParam(f.name, fmt.Sprintf("must be at most %d characters", f.max))
		}
	}
	return nil
}

// checkID accepts a document id that a path can carry back: printable,
// valid UTF-8, not too long.
func checkID(id string) error {
	switch {
	case !utf8.ValidString(id):
		return badParam("id", "must be valid UTF-8")
	case len(id) > maxDocumentID:
		return badParam("id", fmt.Sprintf("must be at most %d bytes", maxDocumentID))
	case strings.TrimSpace(id) != id:
		return badParam("id", "must not start or end with spaces")
	case strings.IndexFunc(id, unicode.IsControl) >= 0:
		return badParam("id", "must not contain control characters")
	}
	return nil
}

// postedFile reads the file of a multipart upload (field "file") in the
// format its name's extension gives, as `archivegraph ingest` would.
func (s *Server) postedFile(c *gin.Context, x *extractor.Extractor) ([]extractor.Document, error) {
	if err := c.Request.ParseMultipartForm(multipartMemory); err != nil {
		return nil, bodyError(err)
	}
	defer c.Request.MultipartForm.RemoveAll()
	fh, err := c.FormFile("file")
	if err != nil {
		return nil, badParam("file", "is required: send the document as the multipart field \"file\"")
	}
	name := fh.Filename
	if !extractor.Supported(name) {
		return nil, badParam("file", "must be named with one of the extensions .txt, .md, .html, .jsonl or .xml")
	}
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	content, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("read upload: %w", err)
	}
	docs, err := x.Extract(name, content)
	if err != nil {
		// Part of a file could be read; a client expects all or nothing.
		return nil, withMessage(errBadRequest, "file could not be read: %v", err)
	}
	if len(docs) == 0 {
		return nil, badParam("file", "holds no document")
	}
	if id := c.Request.FormValue("id"); id != "" {
		if len(docs) != 1 {
			return nil, badParam("id", "can only be given for a file of one document")
		}
		if err := checkID(id); err != nil {
			return nil, err
		}
		docs[0].ID = id
	}
	for _, d := range docs {
		if err := checkID(d.ID); err != nil {
			return nil, err
		}
	}
	return docs, nil
}

// bodyError reports a body that could not be read: too large (413), or cut
// off or malformed (400).
func bodyError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return tooLarge(tooBig.Limit)
	}
	if errors.Is(err, http.ErrNotMultipart) || errors.Is(err, http.ErrMissingBoundary) {
		return withMessage(errBadRequest, "body is not a valid multipart form")
	}
	return withMessage(errBadRequest, "the request body could not be read")
}
