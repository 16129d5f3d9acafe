// Command loadtest measures the archivegraph API under a constant request
// rate, open-loop: every request starts at its scheduled time whether or not
// the earlier ones have been answered, and its latency is counted from that
// time, so a slow answer cannot hide the requests queued behind it
// (coordinated omission).
//
//	go run ./tools/loadtest -base http://127.0.0.1:8095 -rate 200 -duration 30s
//
// It runs one phase per endpoint (entity search, neighbours, meetings) and a
// mixed one, with inputs drawn from the graph itself, and prints p50, p95
// and p99 latencies and the errors (a status other than 2xx, or a transport
// failure). With -export it also times subgraph exports in every format and
// samples the server's resident memory during each (-pid).
//
// It talks to the loopback interface only, and both the number of requests
// (rate × duration per phase) and the requests in flight are bounded.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

type options struct {
	base        *url.URL
	rate        int
	duration    time.Duration
	warmup      time.Duration
	phases      []string
	maxInFlight int
	timeout     time.Duration
	export      bool
	exportSeed  string
	exportDepth int
	exportLimit int
	pid         int
	seed        uint64
	failOver    time.Duration
}

// Bounds that no flag can lift: the tool is for this machine's own server.
const (
	maxRate     = 2000
	maxDuration = 5 * time.Minute
)

func parseOptions(args []string) (options, error) {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	base := fs.String("base", "http://127.0.0.1:8095", "the API's base URL; loopback only")
	var o options
	fs.IntVar(&o.rate, "rate", 200, "requests per second, started on schedule")
	fs.DurationVar(&o.duration, "duration", 30*time.Second, "length of each phase")
	fs.DurationVar(&o.warmup, "warmup", 5*time.Second, "unmeasured mixed load before the first phase")
	phases := fs.String("phases", "search,neighbors,meetings,mixed", "phases to run, in order")
	fs.IntVar(&o.maxInFlight, "max-in-flight", 1000, "requests outstanding at once; one more counts as an error")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Second, "per-request timeout")
	fs.BoolVar(&o.export, "export", false, "also time subgraph exports in every format")
	fs.StringVar(&o.exportSeed, "export-seed", "", "seed entity of the exports (default: the most mentioned person)")
	fs.IntVar(&o.exportDepth, "export-depth", 2, "depth of the exports")
	fs.IntVar(&o.exportLimit, "export-limit", 5000, "node limit of the exports")
	fs.IntVar(&o.pid, "pid", 0, "the server's process id, to sample its resident memory during exports")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the request mix")
	fs.DurationVar(&o.failOver, "p99-bar", 50*time.Millisecond, "exit 2 when a phase's p99 is above this or it had errors; 0 disables")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	u, err := url.Parse(*base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return o, fmt.Errorf("-base %q: want an http URL", *base)
	}
	if !loopback(u.Hostname()) {
		return o, fmt.Errorf("-base %q: only 127.0.0.1, ::1 or localhost are allowed", *base)
	}
	o.base = u
	if o.rate < 1 || o.rate > maxRate {
		return o, fmt.Errorf("-rate %d: want 1 to %d", o.rate, maxRate)
	}
	if o.duration <= 0 || o.duration > maxDuration || o.warmup < 0 || o.warmup > maxDuration {
		return o, fmt.Errorf("-duration and -warmup: want at most %v", maxDuration)
	}
	if o.maxInFlight < 1 || o.maxInFlight > 10000 {
		return o, fmt.Errorf("-max-in-flight %d: want 1 to 10000", o.maxInFlight)
	}
	for _, p := range strings.Split(*phases, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if !slices.Contains([]string{"search", "neighbors", "meetings", "mixed"}, p) {
			return o, fmt.Errorf("-phases: unknown phase %q", p)
		}
		o.phases = append(o.phases, p)
	}
	return o, nil
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	o, err := parseOptions(args)
	if err != nil {
		return err
	}
	client := &http.Client{
		Timeout: o.timeout,
		Transport: &http.Transport{
			// Refuse any address but the loopback one, whatever a name
			// resolves to.
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				host, _, err := net.SplitHostPort(addr)
				if err != nil || !loopback(host) {
					return nil, fmt.Errorf("loadtest: refusing to dial %s", addr)
				}
				return (&net.Dialer{Timeout: 2 * time.Second}).DialContext(ctx, network, addr)
			},
			MaxIdleConns:        o.maxInFlight,
			MaxIdleConnsPerHost: o.maxInFlight,
			IdleConnTimeout:     time.Minute,
		},
	}
	defer client.CloseIdleConnections()

	in, err := gatherInputs(ctx, client, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "inputs: %d search terms, %d entities for neighbours, %d people for meetings\n",
		len(in.terms), len(in.entities), len(in.people))

	rng := rand.New(rand.NewPCG(o.seed, o.seed+1))
	if o.warmup > 0 {
		fmt.Fprintf(stdout, "warm-up: %v of mixed load at %d/s (not measured)\n", o.warmup, o.rate)
		phase(ctx, client, o, o.warmup, in.generator("mixed", rng))
	}
	var results []result
	for _, p := range o.phases {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		r := phase(ctx, client, o, o.duration, in.generator(p, rng))
		r.name = p
		results = append(results, r)
	}
	printResults(stdout, o, results)

	if o.export {
		if err := exports(ctx, client, o, in, stdout); err != nil {
			return err
		}
	}
	if o.failOver > 0 {
		for _, r := range results {
			if r.errors > 0 || r.percentile(0.99) > o.failOver {
				return fmt.Errorf("phase %s misses the bar: p99 %v (want < %v), %d errors", r.name,
					r.percentile(0.99).Round(100*time.Microsecond), o.failOver, r.errors)
			}
		}
	}
	return nil
}

// inputs are the values requests are made of, taken from the graph.
type inputs struct {
	terms    []string // search text: names, surnames, prefixes, misspellings
	entities []string // ids for neighbourhoods
	people   []string // names and ids for meetings
	top      string   // the most mentioned person
}

type entity struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
}

func gatherInputs(ctx context.Context, client *http.Client, o options) (*inputs, error) {
	in := &inputs{}
	for _, typ := range []string{"Person", "State", "Party", "Organization", "Place"} {
		var page struct {
			Items []entity `json:"items"`
		}
		q := url.Values{"type": {typ}, "limit": {"1000"}}
		if err := getJSON(ctx, client, o.endpoint("/api/v1/entities", q), &page); err != nil {
			return nil, fmt.Errorf("list %s entities: %w", typ, err)
		}
		for i, e := range page.Items {
			in.entities = append(in.entities, e.ID)
			in.terms = append(in.terms, e.Name)
			if typ != "Person" {
				continue
			}
			if in.top == "" {
				in.top = e.ID
			}
			words := strings.Fields(e.Name)
			last := words[len(words)-1]
			in.terms = append(in.terms, last)
			if len(last) > 5 {
				in.terms = append(in.terms, last[:4], misspell(last, i))
			}
			// Meetings by id, by full name and by surname, which may
			// name several people.
			in.people = append(in.people, e.ID, e.Name, last)
		}
	}
	if len(in.entities) == 0 || len(in.people) == 0 {
		return nil, errors.New("the graph holds no people: ingest a corpus first")
	}
	return in, nil
}

// misspell swaps two inner letters, the commonest typing slip.
func misspell(w string, i int) string {
	b := []byte(w)
	j := 1 + i%(len(b)-3)
	b[j], b[j+1] = b[j+1], b[j]
	return string(b)
}

// generator returns the request maker of a phase.
func (in *inputs) generator(phase string, rng *rand.Rand) func() (string, string) {
	var mu sync.Mutex // the schedule runs on one goroutine, but be safe
	pick := func(list []string) string {
		mu.Lock()
		defer mu.Unlock()
		return list[rng.IntN(len(list))]
	}
	years := func(v url.Values) {
		mu.Lock()
		defer mu.Unlock()
		if rng.IntN(3) == 0 {
			from := 1950 + rng.IntN(20)
			v.Set("from", strconv.Itoa(from))
			v.Set("to", strconv.Itoa(from+1+rng.IntN(6)))
		}
	}
	search := func() (string, string) {
		return "search", "/api/v1/entities?" + url.Values{"q": {pick(in.terms)}, "limit": {"20"}}.Encode()
	}
	neighbors := func() (string, string) {
		v := url.Values{"limit": {"50"}}
		years(v)
		return "neighbors", "/api/v1/entities/" + url.PathEscape(pick(in.entities)) + "/neighbors?" + v.Encode()
	}
	meetings := func() (string, string) {
		v := url.Values{"person": {pick(in.people)}, "limit": {"100"}}
		years(v)
		return "meetings", "/api/v1/meetings?" + v.Encode()
	}
	switch phase {
	case "search":
		return search
	case "neighbors":
		return neighbors
	case "meetings":
		return meetings
	}
	all := []func() (string, string){search, neighbors, meetings}
	return func() (string, string) {
		mu.Lock()
		f := all[rng.IntN(len(all))]
		mu.Unlock()
		return f()
	}
}

func (o options) endpoint(path string, q url.Values) string {
	u := *o.base
	u.Path = strings.TrimSuffix(u.Path, "/") + path
	u.RawQuery = q.Encode()
	return u.String()
}

func getJSON(ctx context.Context, client *http.Client, u string, into any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("GET %s: %s: %s", u, resp.Status, b)
	}
	return json.NewDecoder(resp.Body).Decode(into)
}

// result is what one phase measured.
type result struct {
	name      string
	sent      int
	latencies []time.Duration // of the successful requests, sorted
	errors    int
	errorKind map[string]int
	elapsed   time.Duration // from the first request's start to the last one's
}

func (r result) percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(p*float64(len(r.latencies))+0.5) - 1
	return r.latencies[max(0, min(i, len(r.latencies)-1))]
}

// phase sends rate requests per second for d, each at its own scheduled
// time, and waits for the last answer.
func phase(ctx context.Context, client *http.Client, o options, d time.Duration, next func() (string, string)) result {
	n := int(d.Seconds() * float64(o.rate))
	interval := time.Second / time.Duration(o.rate)
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		res = result{errorKind: map[string]int{}}
	)
	fail := func(kind string) {
		mu.Lock()
		res.errors++
		res.errorKind[kind]++
		mu.Unlock()
	}
	slots := make(chan struct{}, o.maxInFlight)
	start := time.Now()
	for i := 0; i < n; i++ {
		due := start.Add(time.Duration(i) * interval)
		if wait := time.Until(due); wait > 0 {
			select {
			case <-time.After(wait):
			case <-ctx.Done():
				i = n
				continue
			}
		}
		_, path := next()
		res.sent++
		res.elapsed = time.Since(start)
		select {
		case slots <- struct{}{}:
		default:
			fail("too many in flight")
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(o.base.String(), "/")+path, nil)
			if err != nil {
				fail("request")
				return
			}
			resp, err := client.Do(req)
			if err != nil {
				fail("transport")
				return
			}
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			// Measured from when the request was due, not from when it
			// could be sent.
			latency := time.Since(due)
			switch {
			case err != nil:
				fail("transport")
			case resp.StatusCode < 200 || resp.StatusCode > 299:
				fail(strconv.Itoa(resp.StatusCode))
			default:
				mu.Lock()
				res.latencies = append(res.latencies, latency)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	slices.Sort(res.latencies)
	return res
}

func printResults(w io.Writer, o options, results []result) {
	fmt.Fprintf(w, "\nopen-loop load at %d requests/s, %v per phase (latency from each request's scheduled start)\n\n", o.rate, o.duration)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "phase\trequests\trate/s\tp50\tp95\tp99\tmax\terrors\t")
	for _, r := range results {
		maxLat := time.Duration(0)
		if len(r.latencies) > 0 {
			maxLat = r.latencies[len(r.latencies)-1]
		}
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%s\t%s\t%s\t%s\t%d\t\n", r.name, r.sent,
			float64(r.sent-1)/r.elapsed.Seconds(), ms(r.percentile(0.50)), ms(r.percentile(0.95)),
			ms(r.percentile(0.99)), ms(maxLat), r.errors)
	}
	tw.Flush()
	for _, r := range results {
		for kind, n := range r.errorKind {
			fmt.Fprintf(w, "  %s: %d × %s\n", r.name, n, kind)
		}
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

var exportFormats = []string{"json", "graphml", "gexf", "csv", "cypher"}

// exports times one subgraph export per format, end to end as a client sees
// it, and samples the server's resident memory while each runs.
func exports(ctx context.Context, client *http.Client, o options, in *inputs, w io.Writer) error {
	seed := o.exportSeed
	if seed == "" {
		seed = in.top
	}
	// Larger exports than the load's requests: give them room.
	long := *client
	long.Timeout = 2 * time.Minute
	fmt.Fprintf(w, "\nsubgraph exports: seed %s, depth %d, limit %d\n\n", seed, o.exportDepth, o.exportLimit)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "format\tnodes\ttime\tbytes\tRSS before\tRSS peak\tRSS after\t")
	for _, limit := range []int{o.exportLimit / 10, o.exportLimit} {
		for _, format := range exportFormats {
			q := url.Values{"seed": {seed}, "depth": {strconv.Itoa(o.exportDepth)},
				"limit": {strconv.Itoa(limit)}, "format": {format}}
			before := rss(o.pid)
			sampler := sampleRSS(o.pid)
			start := time.Now()
			n, err := download(ctx, &long, o.endpoint("/api/v1/subgraph", q))
			took := time.Since(start)
			peak := sampler()
			if err != nil {
				fmt.Fprintf(tw, "%s\t%d max\tfailed after %s: %v\t\t\t\t\t\n", format, limit, ms(took), err)
				continue
			}
			nodes := strconv.Itoa(limit) + " max"
			if format == "json" && limit == o.exportLimit {
				if got, err := countJSONNodes(ctx, &long, o.endpoint("/api/v1/subgraph", q)); err == nil {
					nodes = strconv.Itoa(got)
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\t\n", format, nodes, ms(took), n,
				mib(before), mib(peak), mib(rss(o.pid)))
		}
	}
	return tw.Flush()
}

func download(ctx context.Context, client *http.Client, u string) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return 0, fmt.Errorf("%s: %s", resp.Status, b)
	}
	return io.Copy(io.Discard, resp.Body)
}

func countJSONNodes(ctx context.Context, client *http.Client, u string) (int, error) {
	var body struct {
		Nodes []json.RawMessage `json:"nodes"`
	}
	err := getJSON(ctx, client, u, &body)
	return len(body.Nodes), err
}

// rss reads a process's resident set size in bytes from /proc; 0 when
// unknown.
func rss(pid int) int64 {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// sampleRSS polls rss every 5 ms until the returned function is called,
// which gives the highest value seen.
func sampleRSS(pid int) func() int64 {
	done := make(chan struct{})
	peak := make(chan int64, 1)
	go func() {
		var top int64
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			top = max(top, rss(pid))
			select {
			case <-done:
				peak <- max(top, rss(pid))
				return
			case <-t.C:
			}
		}
	}()
	return func() int64 {
		close(done)
		return <-peak
	}
}

func mib(b int64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20))
}
