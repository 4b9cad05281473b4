package pynn

import (
	"bufio"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/snn-sim/snn/snn"
	"github.com/snn-sim/snn/snn/internal/param"
)

// checkPopulation returns p's entry of the sidecar (cell and label, no
// files yet), or an error naming what PyNN cannot take: the model, the
// receptors, the initial state or an input.
func (x *exporter) checkPopulation(p *snn.Population) (pop, error) {
	c, err := cellOf(p, x.sign[p])
	if err != nil {
		return pop{}, err
	}
	if err := initialState(p); err != nil {
		return pop{}, err
	}
	for _, in := range p.Inputs() {
		switch in := in.(type) {
		case snn.ConstantCurrent, snn.RandomCurrent, snn.TimedCurrent, snn.PoissonInput:
		case snn.NoisyCurrent:
			if in.Bridge {
				return pop{}, &param.Error{Object: obj(p), Param: "NoisyCurrent Bridge", Value: true, Want: "false to export to PyNN (NEST, NEURON and Brian2 have no such correction)"}
			}
		case snn.OUCurrent:
			return pop{}, &param.Error{Object: obj(p), Param: "input", Value: "OUCurrent", Want: "no OUCurrent to export to PyNN (PyNN has no Ornstein–Uhlenbeck current source; use NoisyCurrent or RandomCurrent)"}
		default:
			return pop{}, &param.Error{Object: obj(p), Param: "input", Value: fmt.Sprintf("%T", in), Want: "ConstantCurrent, NoisyCurrent, RandomCurrent, TimedCurrent or PoissonInput to export to PyNN"}
		}
	}
	return pop{Name: p.Name(), PyNN: x.label[p], N: p.Size(), Cell: c}, nil
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

// writePopulation writes p's data files, its initial V and w and the
// constant currents of its inputs (PyNN's i_offset), and completes its
// entry pp: the noise, step currents and Poisson inputs.
func (x *exporter) writePopulation(pp *pop, p *snn.Population) error {
	pp.InitV = pp.PyNN + ".v0"
	if err := writeColumn(filepath.Join(x.dir, pp.InitV), p.State("V"), 1); err != nil {
		return err
	}
	if w := p.State("w"); slices.ContainsFunc(w, func(x float64) bool { return x != 0 }) {
		pp.InitW = pp.PyNN + ".w0"
		if err := writeColumn(filepath.Join(x.dir, pp.InitW), w, 1e-3); err != nil {
			return err
		}
	}
	ioff := make([]float64, p.Size())
	anyOff := false
	dt := x.net.Dt()
	for j, in := range p.Inputs() {
		switch in := in.(type) {
		case snn.ConstantCurrent, snn.NoisyCurrent:
			for _, I := range p.InputCurrents(j) {
				for i, v := range I {
					ioff[i] += v
				}
				break // constant: one draw
			}
			anyOff = true
			if nc, ok := in.(snn.NoisyCurrent); ok {
				if sd := nc.StepSigma(dt, p.Model().Membrane().TauM); sd != 0 {
					pp.Noise = append(pp.Noise, noise{Stdev: sd / 1000, Dt: dt})
				}
			}
		case snn.TimedCurrent:
			st := step{}
			for i, t := range in.Times {
				st.Times = append(st.Times, math.Round(t/dt)*dt)
				st.Amplitudes = append(st.Amplitudes, in.Values[i]/1000)
			}
			pp.Steps = append(pp.Steps, st)
		case snn.RandomCurrent:
			name := fmt.Sprintf("%s.step%d", pp.PyNN, j)
			if err := x.writeRandomCurrent(filepath.Join(x.dir, name), p, j); err != nil {
				return err
			}
			pp.Steps = append(pp.Steps, step{File: name})
		case snn.PoissonInput:
			kind := p.Receptors()[receptorIndex(p, in.Receptor)].Kind
			pp.Poisson = append(pp.Poisson, poisson{PyNN: fmt.Sprintf("%s_poisson%d", pp.PyNN, j),
				Rate: float64(in.N) * in.Rate, Weight: weightOf(kind, in.Weight), Receptor: pp.Cell.Receptor[in.Receptor]})
		}
	}
	if anyOff {
		pp.IOffset = pp.PyNN + ".ioffset"
		if err := writeColumn(filepath.Join(x.dir, pp.IOffset), ioff, 1e-3); err != nil {
			return err
		}
	}
	return nil
}

// writeRandomCurrent writes the draws of p's RandomCurrent input k over
// the run, one row per draw: "t a_0 ... a_{N−1}" (ms, nA).
func (x *exporter) writeRandomCurrent(path string, p *snn.Population, k int) error {
	dt := x.net.Dt()
	steps := int64(math.Round(x.opt.Duration / dt))
	return writeFile(path, func(w *bufio.Writer) error {
		var buf []byte
		for s, I := range p.InputCurrents(k) {
			if s >= steps {
				break
			}
			buf = strconv.AppendFloat(buf[:0], float64(s)*dt, 'g', -1, 64)
			for _, v := range I {
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
