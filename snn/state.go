package snn

import (
	"fmt"
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
	c := &checker{obj: p.obj()}
	unit := ""
	if variable == "V" || variable == "VTh" {
		unit = " mV"
	}
	v.check(c, "Set "+variable, p.n, true, unit)
	if variable == "VTh" && len(c.errs) == 0 {
		if lo, _ := v.bounds(); !(lo > p.model.membrane().VReset) {
			c.fail("Set VTh", v, fmt.Sprintf("every value > VReset = %g mV (lowest is %g)", p.model.membrane().VReset, lo))
		}
	}
	if err := c.err(); err != nil {
		return err
	}
	rng := p.net.stream(streamSet, uint64(p.net.indexOf(p)), uint64(p.net.step)<<8|uint64(k))
	copy(vars[k].x, v.fill(nil, p.n, rng))
	return nil
}
