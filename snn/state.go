package snn

import (
	"fmt"
	"math"
	"strings"
)

// Set sets a state variable of every neuron of the population: "V" (mV),
// "VTh" (mV, every value > VReset) or the name of a current (pA) or
// conductance (nS) receptor. Between runs, any other variable of the
// model's named state (an adaptation current, say) may be set too; "Iext"
// may not (the inputs write it every step).
//
// v is a Const, a Slice (one value per neuron) or Random; random values are
// drawn from a stream of (population, variable, current step), so they do
// not depend on Workers.
//
// Before Build, Set gives the initial value (as SetV, SetThreshold and
// SetSyn do) and Build checks it. Between runs, the value is checked at
// once and written for the next step; every kernel reads it there. A
// refractory neuron keeps a V set this way until its refractory period
// ends. An invalid value or an unknown variable is returned as an error
// (the next Run returns it too) and changes nothing.
func (p *Population) Set(variable string, v Value) error {
	if !p.net.built {
		switch k := p.receptor(variable); {
		case variable == "V":
			p.initV = &v
		case variable == "VTh":
			p.initVTh = &v
		case k >= 0 && p.recs[k].Kind != DeltaKind:
			if p.initSyn == nil {
				p.initSyn = map[string]Value{}
			}
			p.initSyn[variable] = v
		default:
			return p.net.report(&ParamError{Object: p.obj(), Param: "Set variable", Value: quote(variable),
				Want: `before Build: "V", "VTh" or the name of a current or conductance receptor`})
		}
		return nil
	}
	return p.net.report(p.set(variable, v))
}

func (p *Population) set(variable string, v Value) error {
	if !p.net.member(p) {
		return fmt.Errorf("snn: %s: Set: the population was not added to the network (it was added after Build)", p.obj())
	}
	vars := p.stateVars()
	k := -1
	var names []string
	for j, sv := range vars {
		if sv.name != "Iext" {
			names = append(names, quote(sv.name))
			if sv.name == variable {
				k = j
			}
		}
	}
	if k < 0 {
		return &ParamError{Object: p.obj(), Param: "Set variable", Value: quote(variable), Want: "one of " + strings.Join(names, ", ")}
	}
	c := &checker{Object: p.obj()}
	unit := ""
	if variable == "V" || variable == "VTh" {
		unit = " mV"
	}
	v.check(c, "Set "+variable, p.n, true, unit)
	if variable == "VTh" && c.OK() {
		if lo, _ := v.bounds(); !(lo > p.model.Membrane().VReset) {
			c.Fail("Set VTh", v, fmt.Sprintf("every value > VReset = %g mV (lowest is %g)", p.model.Membrane().VReset, lo))
		}
	}
	if err := c.Err(); err != nil {
		return err
	}
	rng := p.net.stream(streamSet, uint64(p.net.indexOf(p)), uint64(p.net.step)<<8|uint64(k))
	copy(vars[k].x, v.fill(nil, p.n, rng))
	return nil
}

// SetModel gives the population another neuron model (or the same model
// with other parameters), before Build or between runs. Between runs it is
// checked at once, like the model at Build, and acts from the next step:
// the propagators are computed for the new parameters and the kernel chosen
// for them, while the state is kept: V, the synaptic variables, the
// refractory counters (a neuron in its refractory period finishes the one
// it started), the spikes in flight, and the model's own variables that
// the new model has too (by name; others start at 0). A threshold still at
// the old model's V_th moves to the new one (a threshold set by
// SetThreshold or Set("VTh", ...) is kept); every threshold must stay above
// the new V_reset. An invalid model is returned as an error (the next Run
// returns it too) and changes nothing. Restore does not undo SetModel.
func (p *Population) SetModel(m Model) error {
	if isNil(m) {
		return p.net.report(&ParamError{Object: p.obj(), Param: "SetModel model", Value: "nil", Want: "a neuron model (LIF or AdaptiveLIF)"})
	}
	if !p.net.built {
		p.model = m
		return nil
	}
	if !p.net.member(p) {
		return p.net.report(fmt.Errorf("snn: %s: SetModel: the population was not added to the network (it was added after Build)", p.obj()))
	}
	old, mem, dt := p.model.Membrane(), m.Membrane(), p.net.dt
	c := &checker{Object: p.obj()}
	m.check(c)
	checkTRef(c, mem.TRef, dt)
	if c.OK() {
		for i, th := range p.VTh {
			if th == old.VTh {
				th = mem.VTh
			}
			if !(th > mem.VReset) {
				c.Fail("SetModel VReset", mem.VReset, fmt.Sprintf("< every threshold (neuron %d has %g mV)", i, th))
				break
			}
		}
	}
	if err := c.Err(); err != nil {
		return p.net.report(err)
	}
	kept := map[string][]float64{}
	for _, sv := range p.stateVars()[len(p.stateVars())-len(p.model.stateNames()):] {
		kept[sv.name] = sv.x
	}
	for i, th := range p.VTh {
		if th == old.VTh {
			p.VTh[i] = mem.VTh
		}
	}
	p.model = m
	p.el, p.vReset = mem.EL, mem.VReset
	p.refSteps = int32(math.Round(mem.TRef / dt))
	p.dyn = m.dynamics(p, dt)
	own := p.dyn.state()
	for k, name := range m.stateNames() {
		if x, ok := kept[name]; ok && len(x) == len(own[k]) {
			copy(own[k], x)
		}
	}
	return nil
}
