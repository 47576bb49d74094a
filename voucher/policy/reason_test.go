package policy

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"testing"
)

// TestEveryReasonHasItsMessage parses the package and checks that every code given to
// reason() has its words in Message, in both languages.
func TestEveryReasonHasItsMessage(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]string{}
	var used []string
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				for i, id := range n.Names {
					if i < len(n.Values) {
						if lit, ok := n.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							consts[id.Name], _ = strconv.Unquote(lit.Value)
						}
					}
				}
			case *ast.CallExpr:
				if fn, ok := n.Fun.(*ast.Ident); ok && fn.Name == "reason" && len(n.Args) > 0 {
					if id, ok := n.Args[0].(*ast.Ident); ok {
						used = append(used, id.Name)
					}
				}
			}
			return true
		})
	}
	if len(used) < 20 {
		t.Fatalf("found only %d reason() calls; the parse is off", len(used))
	}
	for _, name := range used {
		code, ok := consts[name]
		if !ok {
			t.Errorf("reason(%s): not a string constant of the package", name)
			continue
		}
		m := Message(code)
		if m.ZH == code || m.EN == code || m.ZH == "" || m.EN == "" {
			t.Errorf("reason code %s (%q) has no message of its own", name, code)
		}
	}
	if m := Message("no_such_code"); m.ZH != "no_such_code" {
		t.Errorf("an unknown code reads %q", m.ZH)
	}
}
