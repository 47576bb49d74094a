package attachment

// The PDF policy: which keys, types and actions refuse a file. It is applied to every
// dictionary of every object the scan finds, reachable or not, so that what one reader
// ignores and another loads is judged all the same.

// pdfRefusedKeys refuse a file wherever they appear as a dictionary key: scripts,
// additional (event-triggered) actions, embedded files, rich media, XFA forms and
// encryption (an encrypted file cannot be inspected).
var pdfRefusedKeys = map[string]string{
	"JS":                ReasonActive,
	"JavaScript":        ReasonActive,
	"AA":                ReasonActive,
	"EF":                ReasonActive,
	"XFA":               ReasonActive,
	"RichMediaContent":  ReasonActive,
	"RichMediaSettings": ReasonActive,
	"Encrypt":           ReasonEncrypted,
}

// pdfRefusedTypes refuse a file as the /Type or /Subtype of a dictionary: embedded file
// streams and the annotations that play media, run 3D scripts or carry files.
var pdfRefusedTypes = map[string]bool{
	"EmbeddedFile": true, "RichMedia": true, "3D": true, "FileAttachment": true,
	"Movie": true, "Sound": true, "Screen": true,
}

// pdfActions are the action types (/S of an action dictionary). true: allowed (they move
// within the document or change its display); false: refused (scripts, programs, other
// files and documents, form submission and import, media). URI is judged by the slot.
var pdfActions = map[string]bool{
	"GoTo": true, "Named": true, "Thread": true, "Hide": true, "ResetForm": true,
	"SetOCGState": true, "Trans": true,
	"JavaScript": false, "Launch": false, "GoToR": false, "GoToE": false, "GoToDp": false,
	"SubmitForm": false, "ImportData": false, "Sound": false, "Movie": false,
	"Rendition": false, "RichMediaExecute": false, "GoTo3DView": false,
}

// pdfActionKeys hold actions (or, for /OpenAction, a destination); a reference under them
// must lead to an object the scan found, since a reader that finds it elsewhere would run
// what it holds.
var pdfActionKeys = map[string]bool{"OpenAction": true, "A": true, "Next": true}

// judge applies the policy to v and everything inside it, recording the first refusal.
func (sc *pdfScan) judge(v pdfValue) {
	sc.judgeDepth(v, 0)
}

func (sc *pdfScan) judgeDepth(v pdfValue, depth int) {
	if sc.fe != nil || depth > pdfMaxDepth+2 {
		return
	}
	switch v.kind {
	case pdfArray:
		for _, e := range v.arr {
			sc.judgeDepth(e, depth+1)
		}
	case pdfDict:
		sc.judgeDict(v.dict)
		for i, k := range v.dict.keys {
			val := v.dict.vals[i]
			if pdfActionKeys[k] && val.kind == pdfRef {
				sc.pending = append(sc.pending, pdfPending{key: k, num: val.n})
			}
			if k == "OpenAction" && val.kind != pdfRef && val.kind != pdfArray && val.kind != pdfDict {
				sc.refuse(ReasonActive, "/OpenAction")
			}
			sc.judgeDepth(val, depth+1)
		}
	}
}

// judgeDict applies the key, type and action rules to one dictionary.
func (sc *pdfScan) judgeDict(d *pdfDictionary) {
	for _, k := range d.keys {
		if reason, bad := pdfRefusedKeys[k]; bad {
			sc.refuse(reason, "/"+k)
			return
		}
	}
	for _, k := range []string{"Type", "Subtype"} {
		if t := d.name(k); pdfRefusedTypes[t] {
			sc.refuse(ReasonActive, "/"+t)
			return
		}
	}
	if f, _ := d.get("Filter"); f.kind == pdfName && f.s == "Crypt" || f.kind == pdfArray && hasName(f.arr, "Crypt") {
		sc.refuse(ReasonEncrypted, "/Crypt")
		return
	}
	if d.name("FS") == "URL" {
		sc.refuse(ReasonActive, "/FS /URL") // a file specification that is a URL
		return
	}
	sv, _ := d.get("S")
	s := sv.s // a name, or, as a precaution, a string in its place
	if sv.kind != pdfName && sv.kind != pdfString {
		s = ""
	}
	allowed, isAction := pdfActions[s]
	switch {
	case s == "URI":
		sc.link(d)
	case isAction && !allowed:
		sc.refuse(ReasonActive, "/"+s)
	case isAction && hasKey(d, "F"):
		sc.refuse(ReasonActive, "/"+s+" /F") // a thread or hide action naming another file
	}
}

// link judges a URI action: refused unless the slot allows links, when it is flagged.
func (sc *pdfScan) link(d *pdfDictionary) {
	if !sc.slot.AllowLinks {
		sc.refuse(ReasonActive, "/URI")
		return
	}
	uri, _ := d.get("URI")
	if len(sc.flags) < pdfMaxFlags {
		sc.flags = append(sc.flags, Flag{Code: FlagLink, Params: map[string]string{"target": uri.s}})
	}
}

func (sc *pdfScan) refuse(reason, detail string) {
	if sc.fe == nil {
		sc.fe = errUnsafe(sc.slot, reason, detail)
	}
}

// checkPending refuses an action key whose reference leads nowhere the scan looked, and
// an /OpenAction leading to something other than a destination or an action.
func (sc *pdfScan) checkPending() {
	for _, p := range sc.pending {
		v, ok := sc.resolve(p.num)
		if !ok || p.key == "OpenAction" && v.kind != pdfArray && v.kind != pdfDict {
			sc.refuse(ReasonActive, "/"+p.key)
			return
		}
	}
}

func hasName(vs []pdfValue, name string) bool {
	for _, v := range vs {
		if v.kind == pdfName && v.s == name {
			return true
		}
	}
	return false
}

func hasKey(d *pdfDictionary, key string) bool {
	_, ok := d.get(key)
	return ok
}
