package snn

import (
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// listNet is 300 neurons with random recurrent synapses (FixedProbability,
// per-synapse weights and delays) or, when list is set, the synapses of
// list, driven by noise.
func listNet(list *SynapseList) (*Network, *Population, *Projection, *SpikeMonitor) {
	net := New(0.1, 9)
	p := net.AddPopulation("P", 300, DefaultLIF(), CurrentExp("e", 5))
	syn := Synapse{Receptor: "e"}
	var rule Connector = FromList{}
	if list == nil {
		rule = FixedProbability{P: 0.1}
		syn.Weight, syn.Delay = Random(distuv.Normal{Mu: 40, Sigma: 10}), Random(distuv.Uniform{Min: 0.1, Max: 4})
	} else {
		rule = FromList{Pre: list.Pre, Post: list.Post, Weight: list.Weight, Delay: list.Delay, Autapses: true, Multapses: true}
	}
	pr := net.Connect(p, p, rule, syn)
	net.Inject(p, NoisyCurrent{Mean: Const(350), Sigma: 150})
	return net, p, pr, net.MonitorSpikes(p)
}

// TestFromListRebuildsAProjection: the arrays Synapses returns, given to
// FromList, rebuild the same synapses (identical arrays) and the same
// network (identical spikes over 100 ms).
func TestFromListRebuildsAProjection(t *testing.T) {
	a, _, pa, sa := listNet(nil)
	if s, err := pa.Synapses(); err == nil || s.Pre != nil {
		t.Fatalf("Synapses before Build: got %v, want an error and no arrays", err)
	}
	if pa.OutDegrees() != nil || pa.InDegrees() != nil || pa.Targets(0) != nil {
		t.Fatal("degree and target accessors before Build: want nil")
	}
	if err := a.Run(100); err != nil {
		t.Fatal(err)
	}
	if pa.Targets(-1) != nil || pa.Targets(300) != nil || pa.Targets(0) == nil {
		t.Fatal("Targets out of range: want nil; in range: want the row")
	}
	la, err := pa.Synapses()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(la.Pre); n < 8000 || len(la.Post) != n || len(la.Weight) != n || len(la.Delay) != n {
		t.Fatalf("%d synapses (post %d, weight %d, delay %d), want ≈ 9000 of each", n, len(la.Post), len(la.Weight), len(la.Delay))
	}
	b, _, pb, sb := listNet(&la)
	if err := b.Run(100); err != nil {
		t.Fatal(err)
	}
	lb, err := pb.Synapses()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(la.Pre, lb.Pre) || !slices.Equal(la.Post, lb.Post) || !slices.Equal(la.Weight, lb.Weight) || !slices.Equal(la.Delay, lb.Delay) {
		t.Fatal("FromList did not rebuild the same synapses")
	}
	if sa.Len() < 500 || !slices.Equal(sa.times, sb.times) || !slices.Equal(sa.index, sb.index) {
		t.Fatalf("rebuilt network: %d spikes vs %d, want the same spikes (≥ 500)", sb.Len(), sa.Len())
	}
	for k := range la.Pre {
		if d := la.Delay[k] / 0.1; d < 0.5 || d > 40.5 {
			t.Fatalf("synapse %d: delay %g ms outside [0.1, 4]", k, la.Delay[k])
		}
		if k > 0 && (la.Pre[k] < la.Pre[k-1] || (la.Pre[k] == la.Pre[k-1] && la.Post[k] < la.Post[k-1])) {
			t.Fatalf("synapse %d: not ordered by (pre, post)", k)
		}
	}
}

// TestFromListOrderAndValues: pairs given out of order, with a repeat,
// come back ordered by (pre, post), repeats in list order, each with its
// own weight and delay; the Synapse's Scale applies to list weights; a
// spike from the generator reaches each target after that synapse's delay
// with that weight (delta receptor: V jumps by the weight).
func TestFromListOrderAndValues(t *testing.T) {
	net := New(0.1, 1)
	g := net.AddSpikeGenerator("g", 3, []int32{2}, []float64{1})
	p := net.AddPopulation("P", 4, LIF{TauM: 1e9, CM: 250, EL: -70, VTh: 100, VReset: -70}, Delta("d"))
	pr := net.Connect(g, p, FromList{
		Pre: []int32{2, 0, 2, 2}, Post: []int32{3, 1, 0, 3},
		Weight: []float64{1, 2, 3, 4}, Delay: []float64{0.5, 0.1, 2, 1}, Multapses: true,
	}, Synapse{Receptor: "d", Scale: ScaleByN})
	V := net.MonitorState(p, "V", []int32{0, 3}, 0.1)
	if err := net.Run(5); err != nil {
		t.Fatal(err)
	}
	s, err := pr.Synapses()
	if err != nil {
		t.Fatal(err)
	}
	want := SynapseList{Pre: []int32{0, 2, 2, 2}, Post: []int32{1, 0, 3, 3}, Weight: []float64{2. / 3, 3. / 3, 1. / 3, 4. / 3}, Delay: []float64{0.1, 2, 0.5, 1}}
	for k := range want.Pre {
		if s.Pre[k] != want.Pre[k] || s.Post[k] != want.Post[k] || s.Delay[k] != want.Delay[k] ||
			float32(s.Weight[k]) != float32(want.Weight[k]) {
			t.Fatalf("synapse %d: got (%d, %d, %g, %g), want (%d, %d, %g, %g)", k, s.Pre[k], s.Post[k], s.Weight[k], s.Delay[k],
				want.Pre[k], want.Post[k], want.Weight[k], want.Delay[k])
		}
	}
	// neuron 3: +1/3 mV at 1.5 ms, +4/3 mV more at 2 ms; neuron 0: +1 mV at 3 ms (τ_m = 1e9 ms: no leak to speak of, tol 1e-6 mV)
	at := func(k int, tms float64) float64 { return V.values[k][int(tms/0.1+0.5)-1] + 70 }
	for _, c := range []struct {
		k      int
		t, jmp float64
	}{{1, 1.4, 0}, {1, 1.5, 1. / 3}, {1, 1.9, 1. / 3}, {1, 2, 5. / 3}, {0, 2.9, 0}, {0, 3, 1}} {
		if got := at(c.k, c.t); got-c.jmp > 1e-6 || c.jmp-got > 1e-6 {
			t.Errorf("neuron %d at %g ms: V − E_L = %g mV, want %g", []int{0, 3}[c.k], c.t, got, c.jmp)
		}
	}
}

// TestFromListRejectsBadLists: every invalid list is an error naming the
// projection, the entry and its value, and nothing is built.
func TestFromListRejectsBadLists(t *testing.T) {
	for _, tc := range []struct {
		rule FromList
		syn  Synapse
		want string
	}{
		{FromList{Pre: []int32{0, 1}, Post: []int32{1}}, Synapse{}, "FromList len(Post) = 1, want len(Pre) = 2"},
		{FromList{Pre: []int32{0, 5}, Post: []int32{1, 1}}, Synapse{}, "FromList Pre[1] = 5, want in [0, 5)"},
		{FromList{Pre: []int32{0}, Post: []int32{-1}}, Synapse{}, "FromList Post[0] = -1, want in [0, 5)"},
		{FromList{Pre: []int32{0, 3}, Post: []int32{1, 3}}, Synapse{}, "FromList pair 1 = 3 → 3, want no autapse"},
		{FromList{Pre: []int32{0, 1, 0}, Post: []int32{1, 2, 1}}, Synapse{}, "FromList pair 2 = 0 → 1, want not a repeat of pair 0"},
		{FromList{Pre: []int32{0}, Post: []int32{1}, Weight: []float64{1, 2}}, Synapse{}, "FromList len(Weight) = 2"},
		{FromList{Pre: []int32{0}, Post: []int32{1}, Weight: []float64{1e300}}, Synapse{}, "FromList Weight[0] = 1e+300, want finite and within float32 range"},
		{FromList{Pre: []int32{0}, Post: []int32{1}, Weight: []float64{1}}, Synapse{Weight: Const(2)}, "Weight = 2, want the zero Value when FromList gives Weight"},
		{FromList{Pre: []int32{0}, Post: []int32{1}, Delay: []float64{0.15}}, Synapse{}, "FromList Delay[0] = 0.15, want a whole number of steps of dt = 0.1 ms"},
		{FromList{Pre: []int32{0}, Post: []int32{1}, Delay: []float64{0}}, Synapse{}, "FromList Delay[0] = 0"},
		{FromList{Pre: []int32{0}, Post: []int32{1}, Delay: []float64{1}}, Synapse{Delay: Const(1)}, "Delay = 1, want the zero Value when FromList gives Delay"},
	} {
		net := New(0.1, 1)
		p := net.AddPopulation("P", 5, DefaultLIF(), Delta("d"))
		tc.syn.Receptor = "d"
		pr := net.Connect(p, p, tc.rule, tc.syn)
		err := net.Run(1)
		if err == nil || !strings.Contains(err.Error(), `projection "P->P:d"`) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: got %v, want an error containing %q", tc.rule, err, tc.want)
		}
		if pr.Len() != 0 || p.v != nil {
			t.Errorf("%+v: something was built", tc.rule)
		}
	}
}

// TestFromListIsReadAtBuild: the lists are read by Build, so a list
// changed between Connect and Build is checked as it is then.
func TestFromListIsReadAtBuild(t *testing.T) {
	net := New(0.1, 1)
	p := net.AddPopulation("P", 5, DefaultLIF(), Delta("d"))
	pre := []int32{0, 1}
	net.Connect(p, p, FromList{Pre: pre, Post: []int32{1, 2}}, Synapse{Receptor: "d", Weight: Const(1)})
	pre[1] = 9
	if err := net.Run(1); err == nil || !strings.Contains(err.Error(), "FromList Pre[1] = 9") {
		t.Fatalf("got %v, want the list as changed after Connect to be checked", err)
	}
}
