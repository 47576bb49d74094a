package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"
	_ "modernc.org/sqlite" // registers "sqlite"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/search"
)

// fts is the peer: SQLite FTS5 with the trigram tokenizer, in memory, over the same
// normalised text as the truth, with each name's and legal entity's pinyin as one word
// (tianjindaxue) so letter queries have something to find. It answers the same page
// query as cxq: the total, the three facets, and one page of hits by bm25 with
// highlights; parts of one or two characters, which trigrams cannot index, are LIKE
// conditions.
type fts struct {
	db   *sql.DB
	norm normaliser
}

func newFTS(labs []catalog.Lab, n normaliser) (*fts, error) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1) // one connection: one in-memory database
	f := &fts{db: db, norm: n}
	if _, err := db.Exec(`CREATE VIRTUAL TABLE lab USING fts5(name, legal_entity, contact, other, py,
		id UNINDEXED, region UNINDEXED, kind UNINDEXED, entity UNINDEXED, tokenize='trigram')`); err != nil {
		return nil, err
	}
	tx, err := db.Begin()
	if err != nil {
		return nil, err
	}
	st, err := tx.Prepare(`INSERT INTO lab VALUES (?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return nil, err
	}
	args := pinyin.NewArgs()
	for _, l := range labs {
		other := []string{n.text(l.Phone), digits(l.Phone), n.text(string(l.Kind)), n.text(string(l.Region))}
		for _, s := range l.Services {
			other = append(other, n.text(s))
		}
		py := strings.Join(pinyin.LazyPinyin(l.Name, args), "") + " " + strings.Join(pinyin.LazyPinyin(l.LegalEntity, args), "")
		if _, err := st.Exec(n.text(l.Name), n.text(l.LegalEntity), n.text(l.Contact), strings.Join(other, "\n"), py,
			l.ID, string(l.Region), string(l.Kind), l.LegalEntity); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *fts) close() error { return f.db.Close() }

// where returns the condition of a query's parts and whether it holds a MATCH (so bm25
// and highlight apply).
func where(parts []string) (cond string, args []any, match bool) {
	var phrases, likes []string
	for _, p := range parts {
		if utf8.RuneCountInString(p) >= 3 {
			phrases = append(phrases, `"`+strings.ReplaceAll(p, `"`, `""`)+`"`)
			continue
		}
		var ors []string
		for _, col := range []string{"name", "legal_entity", "contact", "other", "py"} {
			ors = append(ors, col+" LIKE ?")
			args = append(args, "%"+p+"%")
		}
		likes = append(likes, "("+strings.Join(ors, " OR ")+")")
	}
	var conds []string
	if len(phrases) > 0 {
		conds = append(conds, "lab MATCH ?")
		args = append([]any{strings.Join(phrases, " AND ")}, args...)
	}
	conds = append(conds, likes...)
	if len(conds) == 0 {
		return "1", nil, false
	}
	return strings.Join(conds, " AND "), args, len(phrases) > 0
}

// page answers the page query: total, facets, and page number page of the hits.
func (f *fts) page(ctx context.Context, parts []string, page int) (total int, ids []string, err error) {
	cond, args, match := where(parts)
	rows, err := f.db.QueryContext(ctx, `SELECT region, kind, entity, count(*) FROM lab WHERE `+cond+` GROUP BY region, kind, entity`, args...)
	if err != nil {
		return 0, nil, err
	}
	region, kind, entity := map[string]int{}, map[string]int{}, map[string]int{}
	for rows.Next() {
		var r, k, e string
		var n int
		if err := rows.Scan(&r, &k, &e, &n); err != nil {
			rows.Close()
			return 0, nil, err
		}
		region[r] += n
		kind[k] += n
		entity[e] += n
		total += n
	}
	rows.Close()
	order, cols := "rowid", "name, legal_entity, contact"
	if match {
		order, cols = "bm25(lab, 4, 2.5, 2, 1, 1)", `highlight(lab, 0, '<mark>', '</mark>'), highlight(lab, 1, '<mark>', '</mark>'), highlight(lab, 2, '<mark>', '</mark>')`
	}
	q := fmt.Sprintf(`SELECT id, %s FROM lab WHERE %s ORDER BY %s LIMIT %d OFFSET %d`, cols, cond, order, search.DefaultSize, (page-1)*search.DefaultSize)
	rows, err = f.db.QueryContext(ctx, q, args...)
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, a, b, c string
		if err := rows.Scan(&id, &a, &b, &c); err != nil {
			return 0, nil, err
		}
		if !match { // LIKE has no highlight(): mark the parts as the scan does
			for _, p := range parts {
				a, b, c = strings.ReplaceAll(a, p, "<mark>"+p+"</mark>"), strings.ReplaceAll(b, p, "<mark>"+p+"</mark>"), strings.ReplaceAll(c, p, "<mark>"+p+"</mark>")
			}
		}
		ids = append(ids, id)
	}
	return total, ids, rows.Err()
}
