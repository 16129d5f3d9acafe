package export

import (
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkExport streams generated subgraphs of 5,000 and 20,000 nodes
// (four edges per node) through every writer into io.Discard. Besides
// ns/op and allocations it reports peak-heap-MB, the largest HeapInuse
// sampled while exporting: if a writer collected what it was sent, the
// 20,000-node export would need about four times the heap of the 5,000-node
// one, whereas a streaming writer needs the same.
func BenchmarkExport(b *testing.B) {
	for _, format := range Formats {
		for _, nodes := range []int{5000, 20000} {
			b.Run(fmt.Sprintf("%s/%d-nodes", format, nodes), func(b *testing.B) {
				g := generated{nodes}
				b.ReportAllocs()
				peak := samplePeakHeap()
				for b.Loop() {
					sink, _, _, err := Writer(format, io.Discard)
					if err != nil {
						b.Fatal(err)
					}
					if err := g.send(sink); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
				b.ReportMetric(float64(nodes*5)/b.Elapsed().Seconds()*float64(b.N), "items/s")
			})
		}
	}
}

// samplePeakHeap starts sampling HeapInuse after a garbage collection and
// returns a function that stops and reports the peak.
func samplePeakHeap() func() uint64 {
	runtime.GC()
	var peak atomic.Uint64
	sample := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		if m.HeapInuse > peak.Load() {
			peak.Store(m.HeapInuse)
		}
	}
	sample()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				sample()
			}
		}
	}()
	return func() uint64 {
		close(stop)
		wg.Wait()
		sample()
		return peak.Load()
	}
}
