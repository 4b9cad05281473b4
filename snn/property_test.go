package snn_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/analysis"
	"github.com/snn-sim/snn/snn/chart"
	"github.com/snn-sim/snn/snn/theory"
)

// The property test builds and runs thousands of small random networks,
// with invalid values, NaN, ±Inf, huge and tiny numbers, −0 and subnormals
// drawn on purpose, and calls every analysis, theory, export and chart
// function on what they produce. A case passes when every call either
// returns an error made of *ParamError (object and parameter named),
// *NumericalError or snn.ErrBuildFailed, or returns finite numbers; never
// a panic, a hang (each case has a time limit) or a dead process (sizes
// that cannot be allocated must be refused before allocating).
//
//	go test -run TestProperty ./snn                  # the fixed-seed cases (make test)
//	go test -run '^$' -fuzz FuzzNetwork ./snn        # random seeds until stopped

// knownElsewhere lists the calls this test skips because they fail in
// files other helpers own (issue #12: harden-analysis owns analysis,
// theory and CSV; the charts helper owns snn/chart). The lead removes an
// entry when its fix is merged.
var knownElsewhere = map[string]string{}

// propertyCases is the number of fixed-seed cases; caseLimit bounds one
// case (generous: the test machines are shared).
const (
	propertyCases = 300
	caseLimit     = 30 * time.Second
)

func TestProperty(t *testing.T) {
	n := propertyCases
	if testing.Short() {
		n /= 10
	}
	dir := t.TempDir()
	start := time.Now()
	for seed := uint64(1); seed <= uint64(n); seed++ {
		runCase(t, seed, dir)
	}
	t.Logf("%d cases in %v", n, time.Since(start).Round(time.Millisecond))
}

func FuzzNetwork(f *testing.F) {
	for _, s := range []uint64{1, 2, 3, 42, 1 << 40} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, seed uint64) { runCase(t, seed, t.TempDir()) })
}

// runCase runs case seed in a goroutine with a time limit and reports a
// panic, a hang or a broken result, naming the case.
func runCase(t *testing.T, seed uint64, dir string) {
	t.Helper()
	c := &propCase{seed: seed, rng: rand.New(rand.NewPCG(seed, 0x5eed)), dir: dir}
	done := make(chan string, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Sprintf("panic: %v\n%s", r, debug.Stack())
			}
		}()
		c.run()
		done <- strings.Join(c.problems, "\n")
	}()
	select {
	case msg := <-done:
		if msg != "" {
			t.Errorf("case %d (%s):\n%s", seed, c.describe(), msg)
		}
	case <-time.After(caseLimit):
		t.Fatalf("case %d (%s): no result after %v (a hang); last call: %s", seed, c.describe(), caseLimit, c.lastCall())
	}
}

// propCase is one random case: what it chose (for the failure message) and
// what went wrong.
type propCase struct {
	seed     uint64
	rng      *rand.Rand
	dir      string
	choices  []string
	problems []string
	last     atomic.Value // the call running now (string), read on a time-out
}

func (c *propCase) note(format string, a ...any) {
	c.choices = append(c.choices, fmt.Sprintf(format, a...))
}
func (c *propCase) describe() string {
	s := strings.Join(c.choices, "; ")
	if len(s) > 2000 {
		s = s[:2000] + " ..."
	}
	return s
}
func (c *propCase) lastCall() string {
	s, _ := c.last.Load().(string)
	return s
}

// hostile numbers, drawn on purpose.
var hostile = []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 5e-324, 2.2e-308,
	1e-300, -1e-300, 1e300, -1e300, math.MaxFloat64, -math.MaxFloat64, 1e18, -1, 1e9}

// num returns a typical value from [lo, hi] most of the time, and a
// hostile one with probability bad.
func (c *propCase) num(lo, hi, bad float64) float64 {
	if c.rng.Float64() < bad {
		return hostile[c.rng.IntN(len(hostile))]
	}
	return lo + (hi-lo)*c.rng.Float64()
}

// size returns a small size most of the time, else 0, negative, or one
// that no machine holds.
func (c *propCase) size(hi int) int {
	if c.rng.Float64() < 0.04 {
		return []int{0, -1, 3e9, 1e12, math.MaxInt64}[c.rng.IntN(5)]
	}
	return 1 + c.rng.IntN(hi)
}

func (c *propCase) value(lo, hi, bad float64, n int) snn.Value {
	switch c.rng.IntN(6) {
	case 0:
		xs := make([]float64, max(0, min(n, 64)+c.rng.IntN(2)-c.rng.IntN(2)))
		for i := range xs {
			xs[i] = c.num(lo, hi, bad/4)
		}
		return snn.Slice(xs)
	case 1:
		return snn.Random(distuv.Uniform{Min: c.num(lo, hi, bad), Max: c.num(lo, hi, bad) + (hi-lo)/2})
	case 2:
		return snn.Random(distuv.Normal{Mu: c.num(lo, hi, bad), Sigma: c.num(0, (hi-lo)/4, bad)})
	}
	return snn.Const(c.num(lo, hi, bad))
}

// check records a problem unless err is made of the errors this package
// promises, or err is nil and every number in xs is finite.
func (c *propCase) check(what string, err error, xs ...float64) {
	if err != nil {
		for _, leaf := range leaves(err) {
			var pe *snn.ParamError
			var ne *snn.NumericalError
			switch {
			case errors.As(leaf, &pe):
				if pe.Object == "" || pe.Param == "" || !strings.HasPrefix(pe.Error(), "snn: ") {
					c.problems = append(c.problems, fmt.Sprintf("%s: error without object or parameter: %q", what, pe.Error()))
				}
			case errors.As(leaf, &ne):
			case leaf == snn.ErrBuildFailed:
			default:
				c.problems = append(c.problems, fmt.Sprintf("%s: error %T is not a ParamError or NumericalError: %v", what, leaf, leaf))
			}
		}
		return
	}
	for k, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			c.problems = append(c.problems, fmt.Sprintf("%s: result %d = %v with a nil error", what, k, x))
			return
		}
	}
}

// notNaN maps a documented NaN ("not available") to 0 for check, which
// still fails on ±Inf.
func notNaN(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return x
}

// leaves lists the innermost errors of err (joined or wrapped).
func leaves(err error) []error {
	switch e := err.(type) {
	case interface{ Unwrap() []error }:
		var out []error
		for _, x := range e.Unwrap() {
			out = append(out, leaves(x)...)
		}
		return out
	case *snn.ParamError, *snn.NumericalError:
		return []error{err}
	case interface{ Unwrap() error }:
		if x := e.Unwrap(); x != nil {
			return leaves(x)
		}
	}
	return []error{err}
}

// do runs f as the call named name, unless knownElsewhere skips it.
func (c *propCase) do(name string, f func()) {
	if _, skip := knownElsewhere[name]; skip {
		return
	}
	c.last.Store(name)
	f()
}

func (c *propCase) run() {
	r := c.rng
	dt := 0.1
	if r.Float64() < 0.1 {
		dt = []float64{0.05, 0.25, 1, math.NaN(), 0, -0.1, 1e-300, 5e-324, 1e300, math.Inf(1)}[r.IntN(10)]
	}
	net := snn.New(dt, c.seed)
	net.SetMaxBytes(256 << 20) // the same refusals on every machine
	net.SetWorkers(r.IntN(3))
	c.note("dt %g, workers %d", dt, net.Workers())
	other := snn.New(0.1, 1)
	stranger := other.AddPopulation("X", 5, snn.DefaultLIF(), snn.Delta("d"))

	kinds := []snn.ReceptorKind{snn.DeltaKind, snn.CurrentKind, snn.ConductanceKind}
	var pops []*snn.Population
	for k := range 1 + r.IntN(3) {
		m := snn.LIF{TauM: c.num(5, 30, 0.03), CM: c.num(100, 300, 0.03), EL: c.num(-75, -60, 0.03), VTh: c.num(-55, -45, 0.03),
			VReset: c.num(-75, -60, 0.03), TRef: []float64{0, 1, 2, 0.25, c.num(0, 5, 0.3)}[r.IntN(5)]}
		var recs []snn.Receptor
		for j := range r.IntN(4) {
			kind := kinds[r.IntN(3)]
			if r.Float64() < 0.03 {
				kind = snn.ReceptorKind(3 + r.IntN(5))
			}
			recs = append(recs, snn.Receptor{Name: fmt.Sprint("r", j), Kind: kind, Tau: c.num(1, 10, 0.03), ERev: c.num(-90, 0, 0.03)})
		}
		n := c.size(60)
		p := net.AddPopulation(fmt.Sprint("P", k), n, m, recs...)
		c.note("P%d: N %d, %+v, %d receptors", k, n, m, len(recs))
		if r.Float64() < 0.3 {
			p.SetV(c.value(-75, -50, 0.1, n))
		}
		if r.Float64() < 0.1 {
			p.SetThreshold(c.value(-55, -45, 0.1, n))
		}
		for _, rc := range recs {
			if r.Float64() < 0.2 {
				p.SetSyn(rc.Name, c.value(-1, 5, 0.1, n))
			}
		}
		pops = append(pops, p)
	}
	sources := []snn.SpikeSource{}
	for _, p := range pops {
		sources = append(sources, p)
	}
	if r.Float64() < 0.4 {
		sources = append(sources, net.AddPoissonGroup("G", c.size(40), c.num(0, 200, 0.05)))
	}
	if r.Float64() < 0.3 {
		var idx []int32
		var ts []float64
		for range r.IntN(20) {
			idx = append(idx, int32(r.IntN(12)-1))
			ts = append(ts, c.num(0, 60, 0.05))
		}
		sources = append(sources, net.AddSpikeGenerator("S", c.size(10), idx, ts))
	}
	pick := func() snn.SpikeSource {
		switch x := r.Float64(); {
		case x < 0.03:
			return (*snn.Population)(nil)
		case x < 0.06:
			return stranger
		}
		return sources[r.IntN(len(sources))]
	}
	post := func() *snn.Population {
		switch x := r.Float64(); {
		case x < 0.03:
			return nil
		case x < 0.06:
			return stranger
		}
		return pops[r.IntN(len(pops))]
	}
	for range r.IntN(4) {
		pre, q := pick(), post()
		rule := []snn.Connector{snn.AllToAll{Autapses: r.IntN(2) == 0}, snn.FixedProbability{P: c.num(0, 0.5, 0.1)},
			snn.FixedInDegree{K: c.degree(), Multapses: r.IntN(2) == 0}, snn.FixedOutDegree{K: c.degree(), Multapses: r.IntN(2) == 0},
			snn.FixedTotal{N: c.degree() * 10, Multapses: r.IntN(2) == 0}, snn.OneToOne{}, nil}[r.IntN(7)]
		rec := "r0"
		if q != nil && r.Float64() < 0.95 {
			if rs := q.Receptors(); len(rs) > 0 {
				rec = rs[r.IntN(len(rs))].Name
			}
		}
		syn := snn.Synapse{Receptor: rec, Weight: c.value(-2, 3, 0.05, 0), Scale: snn.Scaling(r.IntN(6)),
			Delay: []snn.Value{{}, snn.Const(c.num(0.1, 3, 0.1)), snn.Random(distuv.Uniform{Min: c.num(0, 1, 0.05), Max: c.num(1, 5, 0.05)})}[r.IntN(3)]}
		net.Connect(pre, q, rule, syn)
		c.note("Connect %T %+v %v", rule, rule, syn.Weight)
	}
	for range r.IntN(4) {
		p := post()
		n := 10
		if p != nil {
			n = p.Size()
		}
		rec := "r0"
		if p != nil && len(p.Receptors()) > 0 {
			rec = p.Receptors()[0].Name
		}
		in := []snn.Input{snn.ConstantCurrent{Amplitude: c.value(0, 600, 0.05, n)},
			snn.NoisyCurrent{Mean: c.value(0, 500, 0.05, n), Sigma: c.num(0, 200, 0.05)},
			snn.OUCurrent{Mean: c.num(0, 500, 0.05), Sigma: c.num(0, 100, 0.05), Tau: c.num(1, 20, 0.05)},
			snn.RandomCurrent{Dist: distuv.Normal{Mu: c.num(0, 500, 0.05), Sigma: c.num(1, 100, 0.05)}, Period: []float64{0, 1, 0.05, c.num(0, 10, 0.2)}[r.IntN(4)]},
			snn.TimedCurrent{Times: []float64{c.num(0, 20, 0.05), c.num(20, 40, 0.05)}, Values: []float64{c.num(0, 600, 0.05), 0}},
			snn.PoissonInput{Receptor: rec, N: c.degree(), Rate: c.num(0, 50, 0.05), Weight: c.num(0, 2, 0.05)}, nil}[r.IntN(7)]
		net.Inject(p, in)
		c.note("Inject %T%+v", in, in)
	}
	spm := net.MonitorSpikes(pick())
	var stm *snn.StateMonitor
	if r.Float64() < 0.6 {
		p := post()
		vars := []string{"V", "Iext", "r0", "r1", "nope"}
		stm = net.MonitorState(p, vars[r.IntN(len(vars))], []int32{0, 1, int32(r.IntN(70) - 5)}, 0.1*float64(1+r.IntN(5)-r.IntN(2)))
	}
	rm := net.MonitorRate(pick(), []float64{1, 0.5, 5, c.num(0, 10, 0.2)}[r.IntN(4)])

	for k := range 1 + r.IntN(2) {
		d := []float64{10, 30, 50, c.num(0, 80, 0.15)}[r.IntN(4)]
		c.note("Run(%g)", d)
		var err error
		c.do("Run", func() { err = net.Run(d) })
		c.check(fmt.Sprintf("Run %d (%g ms)", k, d), err)
	}
	c.analyse(net, spm, stm, rm, pops)
}

// degree returns a small in/out-degree, or a hostile one.
func (c *propCase) degree() int {
	if c.rng.Float64() < 0.05 {
		return []int{0, -1, 1e12, math.MaxInt32, 1e7}[c.rng.IntN(5)]
	}
	return 1 + c.rng.IntN(20)
}

// analyse calls every analysis, theory, export and chart function on the
// case's results, with window and bin arguments sometimes hostile.
func (c *propCase) analyse(net *snn.Network, spm *snn.SpikeMonitor, stm *snn.StateMonitor, rm *snn.RateMonitor, pops []*snn.Population) {
	r := c.rng
	end := net.Time()
	t0, t1 := c.num(0, end/2, 0.05), c.num(end/2, end+1, 0.05)
	bin := c.num(0.1, 5, 0.05)
	trains := spm.Trains()
	var times []float64
	for _, tr := range trains {
		times = append(times, tr...)
	}
	c.do("Rates", func() { x, err := analysis.Rates(trains, t0, t1); c.check("Rates", err, x...) })
	c.do("MeanRate", func() { x, err := analysis.MeanRate(trains, t0, t1); c.check("MeanRate", err, x) })
	c.do("ISIs", func() { c.check("ISIs", nil, analysis.ISIs(trains)...) })
	if len(trains) > 0 {
		c.do("CV", func() { x, err := analysis.CV(trains[0]); c.check("CV", err, x) })
	}
	c.do("MeanCV", func() { x, _, err := analysis.MeanCV(trains); c.check("MeanCV", err, x) })
	c.do("Fano", func() { x, err := analysis.Fano(trains, t0, t1, c.num(1, 20, 0.05)); c.check("Fano", err, x) })
	c.do("SpikeSynchrony", func() {
		x, err := analysis.SpikeSynchrony(trains, t0, t1, bin, c.num(1, 10, 0.05))
		c.check("SpikeSynchrony", err, x)
	})
	c.do("Activity", func() {
		T, A, err := analysis.Activity(times, max(1, len(trains)), t0, t1, bin, c.num(0, 3, 0.05))
		c.check("Activity", err, append(T, A...)...)
	})
	c.do("PSTH", func() { T, R, err := analysis.PSTH(trains, t0, t1, bin); c.check("PSTH", err, append(T, R...)...) })
	isi := analysis.ISIs(trains)
	c.do("Histogram", func() {
		e, n, err := analysis.Histogram(isi, c.num(0, 5, 0.05), c.num(5, 50, 0.05), []int{10, 1, 0, -1, 1e9}[r.IntN(5)*r.IntN(2)])
		c.check("Histogram", err, append(e, n...)...)
		if err == nil {
			c.do("chart.Histogram", func() { c.page("chart.Histogram", chart.Histogram("ISI", "ms", e, n)) })
		}
	})
	c.do("IntHistogram", func() {
		_, n, err := analysis.IntHistogram(spm.Counts())
		c.check("IntHistogram", err, n...)
	})
	c.do("Summarize", func() {
		// CV, Fano and χ are NaN by documentation where the window cannot
		// give them; they are never ±Inf.
		s, err := analysis.Summarize(trains, t0, t1)
		c.check("Summarize", err, s.Rate, notNaN(s.CV), notNaN(s.Fano), notNaN(s.Chi))
	})
	if stm != nil {
		c.do("Synchrony", func() { x, err := analysis.Synchrony(stm.Values()); c.check("Synchrony", err, x) })
		if len(stm.Values()) > 0 {
			c.do("chart.Trace", func() { c.page("chart.Trace", chart.Trace("V", stm.T(), stm.Values()[0], trains0(trains), -50)) })
		}
		c.csv("StateMonitor", func(path string) error { return stm.WriteCSV(path) }, func(path string) (int, error) {
			T, _, _, err := snn.ReadStateCSV(path)
			return len(T), err
		}, len(stm.T()))
	}
	c.do("Spectrum", func() {
		f, pw, err := analysis.Spectrum(rm.Rate(), c.num(0.5, 5, 0.05), []int{0, 8, 16, 64, -1}[r.IntN(5)])
		c.check("Spectrum", err, append(f, pw...)...)
		if err == nil {
			c.do("PeakFrequency", func() {
				x, y, err := analysis.PeakFrequency(f, pw, c.num(0, 10, 0.05))
				c.check("PeakFrequency", err, x, y)
			})
		}
	})
	c.do("FitPowerLaw", func() {
		xs := []float64{1, 2, 4, 8, c.num(16, 32, 0.1)}
		ys := []float64{c.num(1, 2, 0.05), 3, 5, 9, 17}
		a, b, err := analysis.FitPowerLaw(xs, ys)
		c.check("FitPowerLaw", err, a, b)
	})
	m := snn.DefaultLIF()
	if len(pops) > 0 {
		if lif, ok := pops[0].Model().(snn.LIF); ok {
			m = lif
		}
	}
	mu, sigma := c.num(-80, -40, 0.05), c.num(0, 10, 0.05)
	c.note("theory μ %g σ %g", mu, sigma)
	c.do("AnalyticRate", func() { x, err := theory.AnalyticRate(m, c.num(0, 800, 0.05)); c.check("AnalyticRate", err, x) })
	c.do("Siegert", func() { x, err := theory.Siegert(m, mu, sigma); c.check("Siegert", err, x) })
	c.do("SiegertCV", func() { x, err := theory.SiegertCV(m, mu, sigma); c.check("SiegertCV", err, x) })
	if r.Float64() < 0.05 {
		c.do("FICurve", func() {
			x, err := theory.FICurve(m, []float64{c.num(0, 600, 0.05), 400}, c.num(0, 50, 0.05), 50, 0.1, 1+r.IntN(2), c.seed)
			c.check("FICurve", err, x...)
		})
	}
	c.csv("SpikeMonitor", func(path string) error { return spm.WriteCSV(path) }, func(path string) (int, error) {
		T, _, err := snn.ReadSpikesCSV(path)
		return len(T), err
	}, spm.Len())
	c.csv("RateMonitor", func(path string) error { return rm.WriteCSV(path) }, func(path string) (int, error) {
		T, _, err := snn.ReadRatesCSV(path)
		return len(T), err
	}, len(rm.T()))
	c.do("chart.Raster", func() { c.page("chart.Raster", chart.Raster("spikes", chart.Spikes("P", spm, 0))) })
	if len(rm.T()) > 0 {
		c.do("chart.Lines", func() {
			c.page("chart.Lines", chart.Lines("rate", "ms", "Hz", chart.Series{Name: "rate", X: rm.T(), Y: rm.Rate()}))
		})
	}
}

func trains0(trains [][]float64) []float64 {
	if len(trains) == 0 {
		return nil
	}
	return trains[0]
}

// csv writes a monitor with write and reads it back with read, which must
// give the n rows written; both run in the case's directory.
func (c *propCase) csv(name string, write func(string) error, read func(string) (int, error), n int) {
	path := filepath.Join(c.dir, fmt.Sprintf("case%d-%s.csv", c.seed, name))
	c.do(name+".WriteCSV", func() {
		err := write(path)
		c.check(name+".WriteCSV", err)
		if err != nil {
			return
		}
		c.do(name+" read back", func() {
			got, err := read(path)
			c.check(name+" read back", err)
			if err == nil && got != n {
				c.problems = append(c.problems, fmt.Sprintf("%s: wrote %d rows, read back %d", name, n, got))
			}
		})
	})
}

// page renders a chart into a page and requires its options (a blank
// chart has none).
func (c *propCase) page(name string, r chart.Renderer) {
	html := chart.Page("case", r)
	if !strings.Contains(html, `"series"`) {
		c.problems = append(c.problems, fmt.Sprintf("%s: the page has no series (a blank chart)", name))
	}
}
