package labgen

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/cxqkit/cxq/catalog"
)

// BundledSeed is the seed of the synthetic labs in catalog's bundled list; changing it
// changes every synthetic lab there.
const BundledSeed = 20170711

// Bundled returns the bundled lab list as the generator builds it: the six labs of the
// manual followed by catalog.BundledLabCount-6 synthetic labs of BundledSeed.
func Bundled() []catalog.Lab {
	manual := catalog.ManualLabs()
	return append(manual, Generate(catalog.BundledLabCount-len(manual), BundledSeed)...)
}

// IDPrefix starts every generated lab ID: "syn-000001", "syn-000002", …
const IDPrefix = "syn-"

// Generate returns n synthetic labs, the same ones for the same n and seed. IDs are
// IDPrefix and the 1-based position padded to six digits, so they are unique for any n.
// When n ≥ 30 every combination of the three regions and ten kinds appears; the rest
// follow a weighted mix (Beijing 45 %, Tianjin 30 %, Hebei 25 %; key labs and
// engineering centres most common).
func Generate(n int, seed int64) []catalog.Lab {
	if n <= 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x6378715f6c616273))
	regions := catalog.JJJRegions()
	kinds := catalog.LabKinds()
	out := make([]catalog.Lab, n)
	for i := range out {
		var region catalog.Region
		var kind catalog.LabKind
		if i < len(regions)*len(kinds) {
			region, kind = regions[i%len(regions)], kinds[i/len(regions)]
		} else {
			region, kind = pickRegion(rng), pickKind(rng)
		}
		out[i] = makeLab(rng, i+1, region, kind)
	}
	return out
}

func pickRegion(rng *rand.Rand) catalog.Region {
	switch x := rng.IntN(100); {
	case x < 45:
		return catalog.Beijing
	case x < 75:
		return catalog.Tianjin
	default:
		return catalog.Hebei
	}
}

// kindWeights follow catalog.LabKinds order.
var kindWeights = [...]int{8, 26, 22, 12, 5, 4, 6, 7, 6, 4}

func pickKind(rng *rand.Rand) catalog.LabKind {
	total := 0
	for _, w := range kindWeights {
		total += w
	}
	x := rng.IntN(total)
	kinds := catalog.LabKinds()
	for i, w := range kindWeights {
		if x < w {
			return kinds[i]
		}
		x -= w
	}
	return kinds[len(kinds)-1]
}

func makeLab(rng *rand.Rand, seq int, region catalog.Region, kind catalog.LabKind) catalog.Lab {
	f := fields[rng.IntN(len(fields))]
	inst := institution(rng, region, kind)
	return catalog.Lab{
		ID:          fmt.Sprintf("%s%06d", IDPrefix, seq),
		Region:      region,
		Name:        labName(rng, region, kind, f, inst),
		LegalEntity: inst,
		Contact:     person(rng),
		Phone:       phone(rng, region),
		Kind:        kind,
		Services:    services(rng, f),
		Batch:       "首批",
		Source:      catalog.SourceSynthetic,
	}
}

func pick(rng *rand.Rand, list []string) string { return list[rng.IntN(len(list))] }

// institution invents the legal entity that runs a lab of the kind.
func institution(rng *rand.Rand, region catalog.Region, kind catalog.LabKind) string {
	base := pick(rng, inventedNames)
	switch kind {
	case catalog.EnterpriseTechCenter:
		return base + pick(rng, companyTrades) + "有限公司"
	case catalog.ResearchInstitute, catalog.IndustrialInstitute, catalog.NewRDOrganisation:
		if rng.IntN(3) == 0 {
			return base + pick(rng, universityTypes)
		}
		return strings.TrimSuffix(region.FullName(), "市") + base + pick(rng, instituteTypes)
	case catalog.StatutoryTestingAgency:
		return base + pick(rng, testingTypes)
	default:
		if rng.IntN(5) == 0 {
			return base + pick(rng, instituteTypes)
		}
		return base + pick(rng, universityTypes)
	}
}

func labName(rng *rand.Rand, region catalog.Region, kind catalog.LabKind, f field, inst string) string {
	prov := region.FullName()
	switch kind {
	case catalog.NationalKeyLab:
		return f.name + "国家重点实验室"
	case catalog.ProvincialKeyLab:
		if rng.IntN(2) == 0 {
			return f.name + pick(rng, []string{"教育部", "工业和信息化部", "农业农村部", "国家卫生健康委"}) + "重点实验室"
		}
		return prov + f.name + "重点实验室"
	case catalog.EngineeringCenter:
		return prov + f.name + "工程技术研究中心"
	case catalog.EnterpriseTechCenter:
		return strings.TrimSuffix(inst, "有限公司") + "企业技术中心"
	case catalog.CollaborativeCenter:
		return f.name + "协同创新中心"
	case catalog.IndustrialInstitute:
		return prov + f.name + "产业技术研究院"
	case catalog.NewRDOrganisation:
		return pick(rng, inventedNames) + f.name + "研究院"
	case catalog.University:
		return inst + f.name + "实验中心"
	case catalog.ResearchInstitute:
		return inst + f.name + "研究室"
	default: // StatutoryTestingAgency
		return prov + f.name + "产品质量监督检验中心"
	}
}

func person(rng *rand.Rand) string {
	given := pick(rng, givenNames)
	if rng.IntN(3) == 0 {
		given += pick(rng, givenNames)
	}
	return pick(rng, surnames) + given
}

func phone(rng *rand.Rand, region catalog.Region) string {
	area := map[catalog.Region]string{catalog.Beijing: "010", catalog.Tianjin: "022", catalog.Hebei: "0311"}[region]
	return fmt.Sprintf("%s-5550%04d", area, rng.IntN(10000))
}

func services(rng *rand.Rand, f field) []string {
	n := 2 + rng.IntN(3)
	seen := map[string]bool{}
	out := make([]string, 0, n)
	for len(out) < n {
		var s string
		if rng.IntN(4) == 0 {
			s = pick(rng, commonServices)
		} else {
			s = f.services[rng.IntN(len(f.services))]
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
		if len(seen) >= len(f.services)+len(commonServices) {
			break
		}
	}
	return out
}
