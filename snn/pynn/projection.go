package pynn

import (
	"bufio"
	"fmt"
	"math"
	"strconv"

	"github.com/snn-sim/snn/snn"
)

// checkProjection returns the sidecar entry of the k-th projection: its
// label, prj<k>_<name>, and its edge files, <label>.edges, or with
// Ranks > 1 the split <label>.edges.<r> only (every edge is written once).
func (x *exporter) checkProjection(k int, pr *snn.Projection) (proj, error) {
	post := pr.Post()
	pj := proj{Name: pr.Name(), PyNN: fmt.Sprintf("prj%d_%s", k, safeName(pr.Name())),
		Pre: x.label[pr.Pre()], Post: x.label[post], Receptor: x.side.Populations[x.index[post]].Cell.Receptor[pr.Receptor()],
		Edges: int64(pr.Len())}
	_, pj.MaxDelay = pr.Delays()
	owner := fmt.Sprintf("projection %d (%s)", k, strconv.Quote(pr.Name()))
	if err := x.names.claim("label", pj.PyNN, owner); err != nil {
		return pj, err
	}
	files := []string{pj.PyNN + ".dump"} // written by network.py with SNN_PYNN_DUMP=1
	if x.opt.Ranks > 1 {
		for r := range x.opt.Ranks {
			pj.Split = append(pj.Split, fmt.Sprintf("%s.edges.%d", pj.PyNN, r))
		}
		files = append(files, pj.Split...)
	} else {
		pj.File = pj.PyNN + ".edges"
		files = append(files, pj.File)
	}
	for _, f := range files {
		if err := x.names.claim("file", f, owner); err != nil {
			return pj, err
		}
	}
	return pj, nil
}

// writeProjection writes pr's edge files, as pj names them.
func (x *exporter) writeProjection(pj proj, pr *snn.Projection) error {
	kind := pr.Post().Receptors()[receptorIndex(pr.Post(), pr.Receptor())].Kind
	owner := "projection " + strconv.Quote(pr.Name())
	if pj.File != "" {
		return x.writeFile(pj.File, owner, func(w *bufio.Writer) error { return writeEdges(w, pr, kind, -1, 1) })
	}
	for r, name := range pj.Split {
		if err := x.writeFile(name, owner, func(w *bufio.Writer) error { return writeEdges(w, pr, kind, r, len(pj.Split)) }); err != nil {
			return err
		}
	}
	return nil
}

// writeEdges streams the synapses of pr onto neurons j with j mod ranks =
// rank (all if rank < 0) to w as rows "i j weight delay", in PyNN units
// (kind is the target receptor's).
func writeEdges(w *bufio.Writer, pr *snn.Projection, kind snn.ReceptorKind, rank, ranks int) error {
	w.WriteString("# columns = [\"i\", \"j\", \"weight\", \"delay\"]\n")
	// The text of a weight or delay is formatted again only when it
	// changes from one synapse to the next (a shared weight or delay:
	// once).
	var buf, wText, dText []byte
	lastW, lastD := math.NaN(), math.NaN()
	for e := range pr.Edges() {
		if rank >= 0 && int(e.Post)%ranks != rank {
			continue
		}
		if math.Float64bits(e.Weight) != math.Float64bits(lastW) {
			if err := finite("projection "+strconv.Quote(pr.Name()), fmt.Sprintf("weight of synapse %d → %d", e.Pre, e.Post), weightOf(kind, e.Weight)); err != nil {
				return err
			}
			wText, lastW = strconv.AppendFloat(append(wText[:0], ' '), weightOf(kind, e.Weight), 'g', -1, 64), e.Weight
		}
		if math.Float64bits(e.Delay) != math.Float64bits(lastD) {
			dText, lastD = strconv.AppendFloat(append(dText[:0], ' '), e.Delay, 'g', -1, 64), e.Delay
		}
		buf = strconv.AppendInt(buf[:0], int64(e.Pre), 10)
		buf = append(buf, ' ')
		buf = strconv.AppendUint(buf, uint64(e.Post), 10)
		buf = append(append(append(buf, wText...), dText...), '\n')
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	return nil
}
