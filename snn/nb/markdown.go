package nb

import (
	"fmt"

	"github.com/janpfeifer/gonb/gonbui"
)

// Markdown shows md rendered as Markdown in a notebook (GoNB's
// DisplayMarkdown), for text written from a run's values; elsewhere it
// prints md.
func Markdown(md string) {
	if !gonbui.IsNotebook {
		fmt.Println(md)
		return
	}
	gonbui.DisplayMarkdown(md)
	gonbui.Sync()
}
