package extractor

import "strings"

// Words that head an office ("First Secretary", "Ambassador").
var officeHeads = setOf(`president premier chairman secretary minister ambassador chief director
head leader commander consul chargé charge counselor counsellor member deputy envoy representative
attaché governor king prince general marshal`)

// governingBodies stand between an office and the party or state it belongs
// to: "First Secretary of the CC of the Workers' Party", "Member of the
// Politburo of the CCP", "Chairman of the Council of Ministers of the USSR".
var governingBodies = setOf(`cc central committee politburo political bureau presidium secretariat
council ministers state supreme soviet national assembly standing executive committee`)

// roleNames normalises the words of an office to the short title analysts
// filter on. Keys are lower case with hyphens as spaces; an office not
// listed keeps its own words.
var roleNames = map[string]string{
	"president": "President", "vice president": "Vice President",
	"prime minister": "Prime Minister", "deputy prime minister": "Deputy Prime Minister",
	"first deputy prime minister": "First Deputy Prime Minister",
	"premier":                     "Premier", "vice premier": "Vice Premier",
	"chairman": "Chairman", "vice chairman": "Vice Chairman", "deputy chairman": "Deputy Chairman",
	"first secretary": "First Secretary", "general secretary": "General Secretary",
	"secretary general": "Secretary-General", "secretary": "Secretary",
	"foreign minister": "Foreign Minister", "deputy foreign minister": "Deputy Foreign Minister",
	"minister of foreign affairs": "Foreign Minister", "deputy minister of foreign affairs": "Deputy Foreign Minister",
	"defense minister": "Defense Minister", "defence minister": "Defense Minister",
	"minister of defense": "Defense Minister", "minister of defence": "Defense Minister",
	"minister of national defense": "Defense Minister", "minister of national defence": "Defense Minister",
	"minister": "Minister", "deputy minister": "Deputy Minister",
	"ambassador": "Ambassador", "ambassador extraordinary and plenipotentiary": "Ambassador",
	"chargé d'affaires": "Chargé d'Affaires", "charge d'affaires": "Chargé d'Affaires", "chargé": "Chargé d'Affaires",
	"secretary of state": "Secretary of State", "under secretary of state": "Under Secretary of State",
	"assistant secretary of state": "Assistant Secretary of State",
	"consul general":               "Consul General", "consul": "Consul", "counselor": "Counselor", "counsellor": "Counselor",
	"member": "Member",
}

// offices reads three shapes of office:
//
//	Ho Chi Minh, President of the DRV           (apposition)
//	USSR Ambassador in the DRV L. I. Sokolov     (the sending state before the title)
//	First Secretary of the SED Ulbricht          (the title and its body before the name)
//
// and membership: "Le Duan, a member of the Politburo of the VWP" (an office
// in the party, so HOLDS_OFFICE and MEMBER_OF), "X, a member of the VWP"
// (MEMBER_OF). An office held in a party or organisation also makes its
// holder a member of it. Each shape ties the title to the one name it is
// written against, so a title never passes to another person of the
// sentence.
func (a *analysis) offices() {
	for ci, c := range a.cands {
		s := a.toks[c.first].sent
		if a.isPerson(ci) {
			a.appositionOffice(ci, s)
			continue
		}
		if a.isActorOrOrg(ci) {
			a.officeBeforeName(ci, s)
		}
	}
	for s := range a.sents {
		a.officeOfBodyBeforeName(s)
	}
}

// appositionOffice: Person , [the|a] Office [of|in|to [the] [Body of [the]] Entity]
func (a *analysis) appositionOffice(ci, s int) {
	j := a.cands[ci].last
	if j >= len(a.toks) || a.toks[j].key != "," || a.toks[j].sent != s {
		return
	}
	person := a.entity(ci)
	k := j + 1
	if a.sameSentence(k, s) && a.toks[k].key == "a" && a.sameSentence(k+1, s) && a.toks[k+1].key == "member" {
		// "X, a member of the Politburo of the CCP", "X, a member of the VWP"
		if !a.sameSentence(k+2, s) || a.toks[k+2].key != "of" {
			return
		}
		body, org := a.entityAfterOf(k+2, s)
		if org < 0 || !a.isActorOrOrg(org) {
			return
		}
		if body != "" {
			a.office(person, a.entity(org), body+" Member", s)
		} else if t := a.entity(org).typ; t == TypeParty || t == TypeOrganization {
			a.add(RelMemberOf, person, a.entity(org), a.sents[s], a.date, "")
		}
		return
	}
	rs, re := a.officeRun(k, s)
	if re == rs {
		return
	}
	role := a.roleWords(rs, re)
	k = re
	if !a.sameSentence(k, s) {
		return
	}
	switch a.toks[k].key {
	case "of":
		if r, n := a.roleOfAffairs(k, s); n > 0 {
			role, k = role+r, k+n
			if !a.sameSentence(k, s) || a.toks[k].key != "of" {
				return
			}
		}
		body, org := a.entityAfterOf(k, s)
		if org >= 0 && a.isActorOrOrg(org) {
			a.office(person, a.entity(org), normaliseRole(role, body), s)
		}
	case "in", "to":
		k++
		if a.sameSentence(k, s) && a.toks[k].key == "the" {
			k++
		}
		if a.sameSentence(k, s) && a.startAt[k] >= 0 && a.isActorOrOrg(a.startAt[k]) {
			a.office(person, a.entity(a.startAt[k]), normaliseRole(role, ""), s)
		}
	}
}

// officeBeforeName: Entity Office [of Affairs] [in|to [the] Place] [,] Person —
// "Soviet Ambassador Yudin", "USSR Ambassador in the DRV L. I. Sokolov": the
// entity before the title is the one the holder serves, not the host.
func (a *analysis) officeBeforeName(ci, s int) {
	c := a.cands[ci]
	rs, re := a.officeRun(c.last, s)
	if re == rs || rs != c.last {
		return
	}
	role := a.roleWords(rs, re)
	k := re
	if a.sameSentence(k, s) && a.toks[k].key == "of" {
		r, n := a.roleOfAffairs(k, s)
		if n == 0 {
			return
		}
		role, k = role+r, k+n
	}
	if a.sameSentence(k, s) && (a.toks[k].key == "in" || a.toks[k].key == "to") {
		k++
		if a.sameSentence(k, s) && a.toks[k].key == "the" {
			k++
		}
		if a.sameSentence(k, s) && a.startAt[k] >= 0 && !a.isPerson(a.startAt[k]) {
			k = a.cands[a.startAt[k]].last
		}
	}
	if a.sameSentence(k, s) && a.toks[k].key == "," {
		k++
	}
	if a.sameSentence(k, s) && a.startAt[k] >= 0 && a.isPerson(a.startAt[k]) && !a.possessive(a.startAt[k]) {
		a.office(a.entity(a.startAt[k]), a.entity(ci), normaliseRole(role, ""), s)
	}
}

// officeOfBodyBeforeName: Office of [the] [Body of [the]] Entity Person —
// "General Secretary of the CPSU CC Brezhnev", "First Secretary of the SED
// Ulbricht". The title must not follow a name and a comma, where it is that
// name's apposition.
func (a *analysis) officeOfBodyBeforeName(s int) {
	first, end := a.sentenceTokens(s)
	for i := first; i < end; i++ {
		if !a.toks[i].capital || a.startAt[i] >= 0 {
			continue
		}
		if i > first && a.toks[i-1].word && a.toks[i-1].capital && a.startAt[i-1] < 0 {
			continue // inside a longer title; its first word was tried
		}
		rs, re := a.officeRun(i, s)
		if re == rs {
			continue
		}
		if p := rs - 1; p >= first && (a.toks[p].key == "," || a.toks[p].key == "the" && p-1 >= first && a.toks[p-1].key == ",") {
			i = re - 1
			continue
		}
		if p := rs - 1; p >= first && a.startAt[p] < 0 && p > first && a.endsCandidate(p) {
			i = re - 1
			continue // "USSR Ambassador …" is read by officeBeforeName
		}
		role := a.roleWords(rs, re)
		k := re
		if !a.sameSentence(k, s) || a.toks[k].key != "of" {
			i = re - 1
			continue
		}
		if r, n := a.roleOfAffairs(k, s); n > 0 {
			role, k = role+r, k+n
			if !a.sameSentence(k, s) || a.toks[k].key != "of" {
				i = re - 1
				continue
			}
		}
		body, org := a.entityAfterOf(k, s)
		if org >= 0 && a.isActorOrOrg(org) {
			p := a.cands[org].last
			if p < end && a.startAt[p] >= 0 && a.isPerson(a.startAt[p]) && !a.possessive(a.startAt[p]) {
				a.office(a.entity(a.startAt[p]), a.entity(org), normaliseRole(role, body), s)
			}
		}
		i = re - 1
	}
}

// endsCandidate reports whether a recognised name ends at token p.
func (a *analysis) endsCandidate(p int) bool {
	for j := p; j >= 0 && j >= p-6; j-- {
		if ci := a.startAt[j]; ci >= 0 {
			return a.cands[ci].last == p+1
		}
	}
	return false
}

func (a *analysis) sameSentence(i, s int) bool { return i < len(a.toks) && a.toks[i].sent == s }

// entityAfterOf reads "of [the] [Body of [the]] Entity" from the "of" at k
// and returns the body's name ("Politburo", "Central Committee", "" when
// none) and the entity's candidate, or -1.
func (a *analysis) entityAfterOf(k, s int) (string, int) {
	var body []string
	j := k + 1
	for n := 0; n < 10 && a.sameSentence(j, s); n++ {
		if ci := a.startAt[j]; ci >= 0 {
			if n := len(body); n > 0 && body[n-1] == "of" {
				body = body[:n-1]
			}
			return strings.Join(body, " "), ci
		}
		t := a.toks[j]
		switch {
		case t.key == "the":
		case t.key == "of" && len(body) > 0:
			if body[len(body)-1] != "of" {
				body = append(body, "of")
			}
		case t.word && t.capital && governingBodies[t.key]:
			body = append(body, titleCase(a.content[t.start:t.end]))
		default:
			return "", -1
		}
		j++
	}
	return "", -1
}

// roleOfAffairs reads the "of Foreign Affairs", "of State", "of Defense"
// that completes a title ("Minister of Foreign Affairs", "Secretary of
// State"): it returns the title's words with role in front and how many
// tokens from the "of" at k it took, or 0.
func (a *analysis) roleOfAffairs(k, s int) (string, int) {
	for _, tail := range affairs {
		ok := true
		for n, w := range tail {
			j := k + 1 + n
			if !a.sameSentence(j, s) || a.toks[j].key != w || !a.toks[j].capital {
				ok = false
				break
			}
		}
		if ok {
			return " of " + strings.Join(tail, " "), 1 + len(tail)
		}
	}
	return "", 0
}

var affairs = [][]string{{"foreign", "affairs"}, {"national", "defense"}, {"national", "defence"}, {"defense"}, {"defence"}, {"state"}}

// isActorOrOrg: states, parties and organisations are what offices are held
// in and memberships are of.
func (a *analysis) isActorOrOrg(ci int) bool {
	return a.isActor(ci) || a.entity(ci).typ == TypeOrganization
}

// officeRun returns the capitalised words of an office starting at i (after
// an optional "the"), or an empty range when none of them heads an office.
func (a *analysis) officeRun(i, s int) (int, int) {
	if a.sameSentence(i, s) && a.toks[i].key == "the" {
		i++
	}
	j := i
	head := false
	for a.sameSentence(j, s) && a.toks[j].word && a.toks[j].capital && a.startAt[j] < 0 && !governingBodies[a.toks[j].key] {
		head = head || officeHeads[a.toks[j].key]
		j++
		if j+1 < len(a.toks) && a.toks[j].key == "-" && a.toks[j+1].word {
			j += 2 // "Secretary-General"
		}
	}
	if !head {
		return i, i
	}
	return i, j
}

// roleWords returns the office's words, lower case, hyphens as spaces.
func (a *analysis) roleWords(rs, re int) string {
	var words []string
	for j := rs; j < re; j++ {
		if a.toks[j].word {
			words = append(words, a.toks[j].key)
		}
	}
	return strings.Join(words, " ")
}

// normaliseRole turns the words of an office and the body it sits in into
// a short title: "first secretary" → "First Secretary", "member" of the
// "Politburo" → "Politburo Member", "chairman" of the "Council of
// Ministers" → "Premier".
func normaliseRole(words, body string) string {
	if strings.HasSuffix(words, " member") || words == "member" {
		if body != "" {
			return body + " Member"
		}
	}
	if words == "chairman" && strings.EqualFold(body, "Council of Ministers") {
		return "Premier"
	}
	if r, ok := roleNames[words]; ok {
		return r
	}
	// a title with a qualifier we do not list: keep the known head
	// ("Deputy Chief of Mission" stays as written)
	parts := strings.Fields(words)
	for i := range parts {
		if r, ok := roleNames[strings.Join(parts[i:], " ")]; ok && i > 0 && !officeHeads[parts[i-1]] {
			return r
		}
	}
	for i, p := range parts {
		parts[i] = strings.ToUpper(p[:1]) + p[1:]
	}
	return strings.Join(parts, " ")
}

func (a *analysis) office(person, org *cluster, role string, s int) {
	a.add(RelHoldsOffice, person, org, a.sents[s], a.date, role)
	if org.typ == TypeParty || org.typ == TypeOrganization {
		a.add(RelMemberOf, person, org, a.sents[s], a.date, "")
	}
}
