package catalog

import (
	"strings"

	"github.com/cxqkit/cxq"
)

// CodeUnknownKind is the FieldError code of a lab kind that is not one of LabKinds.
const CodeUnknownKind = "unknown_kind"

type kindInfo struct {
	kind    LabKind
	key, en string
	aliases []string
}

// kindTable lists the lab kinds in the programme's order. It is read only.
var kindTable = [...]kindInfo{
	{NationalKeyLab, "national_key_lab", "National key laboratory", []string{"国家重点实验室", "国家级重点实验室"}},
	{ProvincialKeyLab, "provincial_key_lab", "Provincial or ministerial key laboratory", []string{"省部级重点实验室", "省级重点实验室", "部级重点实验室"}},
	{EngineeringCenter, "engineering_center", "Engineering technology research centre", []string{"工程技术中心", "工程研究中心"}},
	{EnterpriseTechCenter, "enterprise_tech_center", "Enterprise technology centre", nil},
	{CollaborativeCenter, "collaborative_center", "Collaborative innovation centre", nil},
	{IndustrialInstitute, "industrial_institute", "Provincial industrial technology institute", []string{"产业技术研究院"}},
	{NewRDOrganisation, "new_rd_organisation", "New-type R&D organisation", []string{"新型研发机构"}},
	{University, "university", "University", []string{"高等院校", "高等学校"}},
	{ResearchInstitute, "research_institute", "Research institute", []string{"科研机构"}},
	{StatutoryTestingAgency, "statutory_testing_agency", "Statutory testing agency", []string{"法定检验检测机构"}},
}

// kindIndex finds a kind by Chinese name, alias, key or lower-case English label. It is
// built once from kindTable and only read afterwards.
var kindIndex = func() map[string]int {
	m := map[string]int{}
	for i, ki := range kindTable {
		m[string(ki.kind)], m[ki.key], m[strings.ToLower(ki.en)] = i, i, i
		for _, a := range ki.aliases {
			m[a] = i
		}
	}
	return m
}()

// LabKinds returns every lab kind, in the order the programme lists them.
func LabKinds() []LabKind {
	out := make([]LabKind, len(kindTable))
	for i, k := range kindTable {
		out[i] = k.kind
	}
	return out
}

// info returns k's row of kindTable and whether k is one of LabKinds. An unknown kind gets
// a row that names it as it is, so that it is its own label and key.
func (k LabKind) info() (kindInfo, bool) {
	if i, ok := kindIndex[string(k)]; ok && kindTable[i].kind == k {
		return kindTable[i], true
	}
	return kindInfo{kind: k, key: string(k), en: string(k)}, false
}

// Valid reports whether k is one of LabKinds.
func (k LabKind) Valid() bool { _, ok := k.info(); return ok }

// Label returns the kind's name in Chinese and English.
func (k LabKind) Label() cxq.Text { ki, _ := k.info(); return cxq.T(string(ki.kind), ki.en) }

// Key returns a stable ASCII key for URLs and facets: "national_key_lab".
func (k LabKind) Key() string { ki, _ := k.info(); return ki.key }

// ParseLabKind reads a lab kind given as its Chinese name ("国家级重点实验室"), a common
// variant ("国家重点实验室", "工程研究中心", "新型研发机构"), its key
// ("national_key_lab") or its English label in any case. Anything else is a
// *cxq.FieldError with code "unknown_kind" whose params list the accepted values.
func ParseLabKind(s string) (LabKind, error) {
	if i, ok := lookup(kindIndex, s); ok {
		return kindTable[i].kind, nil
	}
	return "", unknownKind(s)
}

func unknownKind(s string) *cxq.FieldError {
	return unknownName("kind", CodeUnknownKind, s, LabKinds(),
		cxq.T("未知实验室类型“{value}”，可用的类型：{accepted}", "unknown lab kind \"{value}\"; accepted: {accepted}"))
}
