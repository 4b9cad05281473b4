package pynn

import (
	"bufio"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/param"
	"github.com/snn-sim/snn/snn/internal/proc"
)

// checkPopulation returns p's entry of the sidecar, its cell, label and
// the names of its files, or an error naming what PyNN cannot take: the
// model, the receptors, the initial state or an input, or a label or file
// name another object has.
func (x *exporter) checkPopulation(p *snn.Population) (pop, error) {
	c, err := cellOf(p, x.sign[p])
	if err != nil {
		return pop{}, err
	}
	if err := initialState(p); err != nil {
		return pop{}, err
	}
	label := x.label[p]
	pp := pop{Name: p.Name(), PyNN: label, N: p.Size(), Cell: c, InitV: label + ".v0"}
	files := []string{pp.InitV}
	if slices.ContainsFunc(p.State("w"), func(x float64) bool { return x != 0 }) {
		pp.InitW = label + ".w0"
		files = append(files, pp.InitW)
	}
	dt, tauM := x.net.Dt(), p.Model().Membrane().TauM
	for j, in := range p.Inputs() {
		what := fmt.Sprintf("input %d (%T)", j, in)
		switch in := in.(type) {
		case snn.ConstantCurrent:
			pp.IOffset = label + ".ioffset"
		case snn.NoisyCurrent:
			if in.Bridge {
				return pop{}, &param.Error{Object: obj(p), Param: "NoisyCurrent Bridge", Value: true, Want: "false to export to PyNN (NEST, NEURON and Brian2 have no such correction)"}
			}
			pp.IOffset = label + ".ioffset"
			if sd := in.StepSigma(dt, tauM) / 1000; sd != 0 {
				if err := finite(obj(p), what+" standard deviation per step", sd); err != nil {
					return pop{}, err
				}
				pp.Noise = append(pp.Noise, noise{Stdev: sd, Dt: dt})
			}
		case snn.TimedCurrent:
			st := step{}
			for i, t := range in.Times {
				st.Times = append(st.Times, math.Round(t/dt)*dt)
				st.Amplitudes = append(st.Amplitudes, in.Values[i]/1000)
			}
			pp.Steps = append(pp.Steps, st)
		case snn.RandomCurrent:
			if err := x.checkRandomCurrent(p, j, in); err != nil {
				return pop{}, err
			}
			name := fmt.Sprintf("%s.step%d", label, j)
			files = append(files, name)
			pp.Steps = append(pp.Steps, step{File: name})
		case snn.PoissonInput:
			kind := p.Receptors()[receptorIndex(p, in.Receptor)].Kind
			q := poisson{PyNN: fmt.Sprintf("%s_poisson%d", label, j), Rate: float64(in.N) * in.Rate,
				Weight: weightOf(kind, in.Weight), Receptor: c.Receptor[in.Receptor]}
			if err := finite(obj(p), what+" rate N·Rate", q.Rate); err != nil {
				return pop{}, err
			}
			if err := x.names.claim("label", q.PyNN, fmt.Sprintf("the Poisson sources of %s %s", obj(p), what)); err != nil {
				return pop{}, err
			}
			pp.Poisson = append(pp.Poisson, q)
		case snn.OUCurrent:
			return pop{}, &param.Error{Object: obj(p), Param: "input", Value: "OUCurrent", Want: "no OUCurrent to export to PyNN (PyNN has no Ornstein–Uhlenbeck current source; use NoisyCurrent or RandomCurrent)"}
		default:
			return pop{}, &param.Error{Object: obj(p), Param: "input", Value: fmt.Sprintf("%T", in), Want: "ConstantCurrent, NoisyCurrent, RandomCurrent, TimedCurrent or PoissonInput to export to PyNN"}
		}
	}
	if pp.IOffset != "" {
		files = append(files, pp.IOffset)
	}
	for _, f := range files {
		if err := x.names.claim("file", f, obj(p)); err != nil {
			return pop{}, err
		}
	}
	return pp, nil
}

// checkRandomCurrent bounds the draws of p's RandomCurrent input j over
// the run: network.py holds them in memory (8 bytes a value), which must
// not exceed the network's memory budget (Network.MaxBytes, or this
// machine's memory).
func (x *exporter) checkRandomCurrent(p *snn.Population, j int, in snn.RandomCurrent) error {
	rows := 1.0
	if in.Period > 0 {
		rows = math.Ceil(math.Round(x.opt.Duration/x.net.Dt()) / math.Round(in.Period/x.net.Dt()))
	}
	need := float64(8*rows) * float64(p.Size()+1)
	budget, from := float64(x.net.MaxBytes()), "Network.MaxBytes"
	if budget <= 0 {
		mem, ok := proc.Meminfo("MemTotal")
		budget, from = float64(mem), "this machine's memory; Network.SetMaxBytes sets another bound"
		if !ok {
			budget, from = 16<<30, "16 GiB, as Network.SetMaxBytes takes where this machine's memory is unknown"
		}
	}
	if need > budget {
		return &param.Error{Object: obj(p), Param: fmt.Sprintf("input %d (RandomCurrent) draws", j), Value: fmt.Sprintf("%.0f rows of %d neurons (%.3g bytes in network.py's memory)", rows, p.Size(), need),
			Want: fmt.Sprintf("at most %.3g bytes (%s) to export to PyNN: a shorter Duration or a longer Period", budget, from)}
	}
	return nil
}

// initialState refuses the initial state the export does not carry:
// thresholds other than the model's V_th (Set "VTh", SetThreshold) and
// receptor states other than 0 (SetSyn). V and AdaptiveLIF's w are
// exported.
func initialState(p *snn.Population) error {
	vth := p.Model().Membrane().VTh
	for i, v := range p.State("VTh") {
		if v != vth {
			return &param.Error{Object: obj(p), Param: fmt.Sprintf("threshold of neuron %d", i), Value: v,
				Want: fmt.Sprintf("the model's V_th = %g mV for every neuron to export to PyNN (the export gives each population one v_thresh)", vth)}
		}
	}
	for _, r := range p.Receptors() {
		if r.Kind == snn.DeltaKind {
			continue
		}
		for i, x := range p.State(r.Name) {
			if x != 0 {
				return &param.Error{Object: obj(p), Param: fmt.Sprintf("initial state of receptor %s, neuron %d", strconv.Quote(r.Name), i), Value: x,
					Want: "0 to export to PyNN (the export starts every synapse at rest)"}
			}
		}
	}
	return nil
}

// writePopulation writes p's data files: its initial V and w, the
// constant currents of its inputs (PyNN's i_offset) and the draws of its
// RandomCurrent inputs.
func (x *exporter) writePopulation(pp *pop, p *snn.Population) error {
	if err := x.writeColumn(pp.InitV, obj(p), "initial V", p.State("V"), 1); err != nil {
		return err
	}
	if pp.InitW != "" {
		if err := x.writeColumn(pp.InitW, obj(p), "initial w", p.State("w"), 1e-3); err != nil {
			return err
		}
	}
	ioff := make([]float64, p.Size())
	for j, in := range p.Inputs() {
		switch in.(type) {
		case snn.ConstantCurrent, snn.NoisyCurrent:
			for _, I := range p.InputCurrents(j) {
				for i, v := range I {
					ioff[i] += v
				}
				break // constant: one draw
			}
		case snn.RandomCurrent:
			if err := x.writeRandomCurrent(fmt.Sprintf("%s.step%d", pp.PyNN, j), p, j); err != nil {
				return err
			}
		}
	}
	if pp.IOffset != "" {
		return x.writeColumn(pp.IOffset, obj(p), "i_offset (the sum of its constant currents)", ioff, 1e-3)
	}
	return nil
}

// writeRandomCurrent writes the draws of p's RandomCurrent input k over
// the run, one row per draw: "t a_0 ... a_{N−1}" (ms, nA).
func (x *exporter) writeRandomCurrent(name string, p *snn.Population, k int) error {
	dt := x.net.Dt()
	steps := int64(math.Round(x.opt.Duration / dt))
	what := fmt.Sprintf("input %d (RandomCurrent)", k)
	return x.writeFile(name, obj(p), func(w *bufio.Writer) error {
		var buf []byte
		for s, I := range p.InputCurrents(k) {
			if s >= steps {
				break
			}
			buf = strconv.AppendFloat(buf[:0], float64(s)*dt, 'g', -1, 64)
			for i, v := range I {
				if err := finite(obj(p), fmt.Sprintf("%s at step %d, neuron %d", what, s, i), v); err != nil {
					return err
				}
				buf = append(buf, ' ')
				buf = strconv.AppendFloat(buf, v/1000, 'g', -1, 64)
			}
			buf = append(buf, '\n')
			if _, err := w.Write(buf); err != nil {
				return err
			}
		}
		return nil
	})
}
