package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/archivegraph/archivegraph/graph"
)

// config is read once from the environment; flags of each command override
// the fields they name.
type config struct {
	Neo4j        graph.Config
	Addr         string
	Token        string
	TokenOnReads bool
	CORSOrigins  []string // origins whose pages may call the API
	MaxBodyBytes int64    // 0: the API's default
	// ReadIndex lets the server answer search, neighbourhoods and meetings
	// from the store's in-memory read index (graph.Config.ReadIndex).
	ReadIndex bool
}

// defaultCacheTTL is how long the server keeps answers to repeated reads:
// long enough to absorb an analyst's (or a page's) repeated questions about
// the same hubs, short enough that another process's ingest shows soon.
const defaultCacheTTL = 30 * time.Second

func configFromEnv(getenv func(string) string) (config, error) {
	cfg := config{
		Neo4j: graph.Config{
			URI:          valueOr(getenv("NEO4J_URI"), "neo4j://127.0.0.1:7687"),
			User:         getenv("NEO4J_USER"),
			Password:     getenv("NEO4J_PASSWORD"),
			Database:     valueOr(getenv("NEO4J_DATABASE"), "neo4j"),
			QueryTimeout: 10 * time.Second,
			CacheTTL:     defaultCacheTTL,
		},
		Addr:  valueOr(getenv("ARCHIVEGRAPH_ADDR"), "127.0.0.1:8080"),
		Token: getenv("ARCHIVEGRAPH_TOKEN"),
	}
	if v := getenv("ARCHIVEGRAPH_QUERY_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return config{}, fmt.Errorf("ARCHIVEGRAPH_QUERY_TIMEOUT=%q: want a positive duration such as 10s", v)
		}
		cfg.Neo4j.QueryTimeout = d
	}
	if v := getenv("ARCHIVEGRAPH_CACHE_TTL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return config{}, fmt.Errorf("ARCHIVEGRAPH_CACHE_TTL=%q: want a duration such as 30s, or 0 to disable the cache", v)
		}
		cfg.Neo4j.CacheTTL = d
	}
	for _, o := range strings.Split(getenv("ARCHIVEGRAPH_CORS_ORIGINS"), ",") {
		if o = strings.TrimSpace(o); o != "" {
			if o != "*" && !strings.Contains(o, "://") {
				return config{}, fmt.Errorf("ARCHIVEGRAPH_CORS_ORIGINS: %q is not an origin such as https://example.org", o)
			}
			cfg.CORSOrigins = append(cfg.CORSOrigins, o)
		}
	}
	if v := getenv("ARCHIVEGRAPH_MAX_BODY_BYTES"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return config{}, fmt.Errorf("ARCHIVEGRAPH_MAX_BODY_BYTES=%q: want a positive number of bytes", v)
		}
		cfg.MaxBodyBytes = n
	}
	switch strings.ToLower(getenv("ARCHIVEGRAPH_READ_INDEX")) {
	case "", "1", "true", "yes", "on":
		cfg.ReadIndex = true
	case "0", "false", "no", "off":
	default:
		return config{}, fmt.Errorf("ARCHIVEGRAPH_READ_INDEX=%q: want on or off", getenv("ARCHIVEGRAPH_READ_INDEX"))
	}
	switch strings.ToLower(getenv("ARCHIVEGRAPH_TOKEN_ON_READS")) {
	case "", "0", "false", "no":
	case "1", "true", "yes":
		if cfg.Token == "" {
			return config{}, fmt.Errorf("ARCHIVEGRAPH_TOKEN_ON_READS is set but ARCHIVEGRAPH_TOKEN is empty")
		}
		cfg.TokenOnReads = true
	default:
		return config{}, fmt.Errorf("ARCHIVEGRAPH_TOKEN_ON_READS=%q: want true or false", getenv("ARCHIVEGRAPH_TOKEN_ON_READS"))
	}
	if !strings.Contains(cfg.Neo4j.URI, "://") {
		return config{}, fmt.Errorf("NEO4J_URI=%q: want a URI such as neo4j://127.0.0.1:7687", cfg.Neo4j.URI)
	}
	return cfg, nil
}

func valueOr(v, fallback string) string {
	if v == "" {
		return fallback
	}
	return v
}

// stringList is a repeatable string flag (--kb a.json --kb b.json).
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }
