package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/archivegraph/archivegraph/api"
)

func runServe(ctx context.Context, cfg config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "listen address (env ARCHIVEGRAPH_ADDR)")
	fs.StringVar(&cfg.Neo4j.URI, "neo4j-uri", cfg.Neo4j.URI, "Neo4j URI (env NEO4J_URI)")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() != 0 {
		return usageError{fmt.Sprintf("serve: unexpected argument %q", fs.Arg(0))}
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))

	metrics := api.NewMetrics()
	cfg.Neo4j.ObserveQuery = metrics.ObserveQuery
	cfg.Neo4j.ReadIndex = cfg.ReadIndex
	store, err := openStore(ctx, "serve", cfg.Neo4j)
	if err != nil {
		return err
	}
	defer store.Close(context.WithoutCancel(ctx))
	if cfg.ReadIndex {
		metrics.WatchReadIndex(store.ReadIndexStatus)
		// The API answers from Neo4j until the index is built.
		go func() {
			if err := store.WaitReadIndex(ctx); err != nil {
				if ctx.Err() == nil {
					logger.Warn("read index not built; answering from Neo4j", "error", err)
				}
				return
			}
			st := store.ReadIndexStatus()
			logger.Info("read index built", "pieces", st.Pieces, "entities", st.Entities, "duration", st.Built.Round(time.Millisecond))
		}()
	}

	srv := &http.Server{
		Handler: api.New(store, api.Config{
			Token:                cfg.Token,
			RequireTokenForReads: cfg.TokenOnReads,
			Logger:               logger,
			CORSOrigins:          cfg.CORSOrigins,
			MaxBodyBytes:         cfg.MaxBodyBytes,
			Metrics:              metrics,
		}).Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("serve: listen on %s: %w (set --addr or ARCHIVEGRAPH_ADDR)", cfg.Addr, err)
	}
	fmt.Fprintf(stdout, "archivegraph serving on http://%s/ (Neo4j %s)\n", displayAddr(ln.Addr()), cfg.Neo4j.URI)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	// Drain requests in flight before the database connection closes.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	logger.Info("stopped")
	return nil
}

// displayAddr turns a wildcard listen address into one a browser can open.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return fmt.Sprintf("127.0.0.1:%d", tcp.Port)
}
