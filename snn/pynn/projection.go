package pynn

import (
	"bufio"
	"fmt"
	"math"
	"path/filepath"
	"strconv"

	"github.com/snn-sim/snn/snn"
)

// writeProjection writes the k-th projection's edges, <label>.edges, and,
// with Ranks > 1, their split by target neuron, and returns its sidecar
// entry.
func (x *exporter) writeProjection(k int, pr *snn.Projection) (proj, error) {
	post := pr.Post()
	pj := proj{Name: pr.Name(), PyNN: fmt.Sprintf("prj%d_%s", k, safeName(pr.Name())),
		Pre: x.label[pr.Pre()], Post: x.label[post], Receptor: x.side.Populations[x.index[post]].Cell.Receptor[pr.Receptor()]}
	pj.File = pj.PyNN + ".edges"
	pj.Edges = int64(pr.Len())
	_, pj.MaxDelay = pr.Delays()
	kind := post.Receptors()[receptorIndex(post, pr.Receptor())].Kind
	if err := writeEdges(filepath.Join(x.dir, pj.File), pr, kind, -1, 1); err != nil {
		return pj, err
	}
	for r := 0; x.opt.Ranks > 1 && r < x.opt.Ranks; r++ {
		name := fmt.Sprintf("%s.%d", pj.File, r)
		if err := writeEdges(filepath.Join(x.dir, name), pr, kind, r, x.opt.Ranks); err != nil {
			return pj, err
		}
		pj.Split = append(pj.Split, name)
	}
	return pj, nil
}

// writeEdges streams the synapses of pr onto neurons j with j mod ranks =
// rank (all if rank < 0) to path as FromFileConnector rows
// "i j weight delay", in PyNN units (kind is the target receptor's).
func writeEdges(path string, pr *snn.Projection, kind snn.ReceptorKind, rank, ranks int) error {
	return writeFile(path, func(w *bufio.Writer) error {
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
	})
}
