package catalog

import (
	"encoding/binary"
	"encoding/hex"
	"hash/fnv"
)

// Region is where a lab or provider is: a province-level region named in Chinese, as the
// official lists print it ("北京", "天津", "河北"). Other provinces are valid regions too.
type Region string

// The regions of the Beijing–Tianjin–Hebei mutually recognised lab list.
const (
	Beijing Region = "北京"
	Tianjin Region = "天津"
	Hebei   Region = "河北"
)

// LabKind is the kind of an open lab, named in Chinese as the official lists print it.
type LabKind string

// The kinds of open lab in the mutually recognised list.
const (
	NationalKeyLab         LabKind = "国家级重点实验室"
	ProvincialKeyLab       LabKind = "省部级重点实验室"
	EngineeringCenter      LabKind = "工程技术研究中心"
	EnterpriseTechCenter   LabKind = "企业技术中心"
	CollaborativeCenter    LabKind = "协同创新中心"
	IndustrialInstitute    LabKind = "省部级产业技术研究院"
	NewRDOrganisation      LabKind = "新型研发组织"
	University             LabKind = "高校"
	ResearchInstitute      LabKind = "科研院所"
	StatutoryTestingAgency LabKind = "法定检测机构"
)

// Source tells where a lab record comes from.
type Source string

// The sources of lab records.
const (
	SourceManual    Source = "manual"    // printed in the reference user manual, text as printed
	SourceSynthetic Source = "synthetic" // generated sample data for an invented institution
	SourceOfficial  Source = "official"  // loaded from an official list
)

// Lab is an open lab (开放实验室) of the mutually recognised list.
type Lab struct {
	ID          string   `json:"id"`
	Region      Region   `json:"region"`
	Name        string   `json:"name"`
	LegalEntity string   `json:"legal_entity"` // 法人单位
	Contact     string   `json:"contact"`      // 联系人
	Phone       string   `json:"phone"`        // 联系电话, as printed
	Kind        LabKind  `json:"kind"`
	Services    []string `json:"services,omitempty"` // 服务内容
	Batch       string   `json:"batch,omitempty"`    // e.g. "首批"
	Source      Source   `json:"source"`
	// Truncated names the fields whose text the source printed cut short
	// ("北京中航先进工业技术研究..."): the text is kept as shown.
	Truncated []string `json:"truncated,omitempty"`
}

// DeriveLabID returns the ID a lab list without an id column gives a lab: "lab-" and the
// 64-bit FNV-1a hash of region, name and legal entity in hex.
func DeriveLabID(region Region, name, legalEntity string) string {
	h := fnv.New64a()
	for _, s := range []string{string(region), name, legalEntity} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], h.Sum64())
	return "lab-" + hex.EncodeToString(b[:])
}
