package extractor

// Stances: one state or party supporting or opposing another, the raw
// material of alliances. SUPPORTS and OPPOSES are directed, from the actor
// (the giver of aid, the aggressor, the one who condemns) to the one acted
// on; a mutual stance ("friendship between X and Y", "the Sino-Soviet
// split", "X and Y agreed") is emitted in both directions. The source is a
// state or a party; the target may also be an organisation or a divided
// country named as a place ("aggression against Vietnam").
//
// The cues are literal and the windows small on purpose: a wrong alliance
// misleads a historian more than a missing one. A cue in a clause that is
// negated, conditional, wished for, alleged or only feared gives nothing,
// and so does a cue whose actor or object is not named close to it.

// stanceShape says where a cue's actor and object are read.
type stanceShape int

const (
	// shapeVerb: "X supports Y", "X condemned Y", "Y was condemned by X".
	shapeVerb stanceShape = iota
	// shapeNoun: "Soviet aid to the DRV", "aid of the USSR to the DRV", "the
	// Soviet Union has been giving great aid to the DRV".
	shapeNoun
	// shapeOwned: like shapeNoun, but the actor must be the noun's own
	// ("American aggression", "the struggle of the Vietnamese people"), never
	// a subject further away ("the USSR condemned the aggression …").
	shapeOwned
	// shapeMutual: "friendship between X and Y", "Sino-Soviet split".
	shapeMutual
)

type stanceCue struct {
	rel   string
	shape stanceShape
	// preps introduce the object after a noun ("aid to", "aggression
	// against"); with a mutual noun they are "with" ("friendship with").
	preps []string
	// mutual nouns also read "between X and Y" and "X-Y <noun>".
	mutual bool
}

var stanceCues = func() map[string]stanceCue {
	m := map[string]stanceCue{}
	verbs := func(rel string, words string) {
		for w := range setOf(words) {
			m[w] = stanceCue{rel: rel, shape: shapeVerb}
		}
	}
	nouns := func(rel string, shape stanceShape, mutual bool, words string, preps ...string) {
		for w := range setOf(words) {
			m[w] = stanceCue{rel: rel, shape: shape, preps: preps, mutual: mutual}
		}
	}
	verbs(RelSupports, `supports supported supporting backs backed aids aided assists assisted helps helped defends defended`)
	verbs(RelOpposes, `condemned condemns condemn condemning denounced denounces denounce attacked bombed bombs invaded
invades opposes opposed threatened threatens unmasked unmasks unmask provoked blockaded`)
	nouns(RelSupports, shapeNoun, false, `aid assistance help backing loans credits`, "to", "for")
	nouns(RelSupports, shapeNoun, false, `support`, "to", "for")
	nouns(RelSupports, shapeOwned, false, `solidarity greetings`, "with", "to")
	nouns(RelSupports, shapeMutual, true, `friendship alliance treaty unity cooperation rapprochement reconciliation`, "with")
	nouns(RelOpposes, shapeNoun, false, `aggression war attacks attack sanctions threats hostility intervention blockade`,
		"against", "on", "toward", "towards", "in")
	nouns(RelOpposes, shapeOwned, false, `struggle provocations provocation`, "against")
	nouns(RelOpposes, shapeOwned, false, `bombing bombings bombardment bombardments condemnation`, "of", "on")
	nouns(RelOpposes, shapeOwned, true, `polemics`, "against")
	nouns(RelOpposes, shapeMutual, true, `split rift conflict differences disagreements dispute`)
	return m
}()

// stanceBlockers make a clause say something other than that a stance is
// taken: negation, condition, wish, request, allegation, fear.
var stanceBlockers = setOf(`if unless whether not never no n't nor neither without would could might may
should must hope hopes hoped hoping wish wishes wished want wants wanted ask asks asked request requests
requested requesting propose proposed proposes suggest suggested suggests secure securing seek seeking
sought obtain obtaining win winning refuse refused refuses deny denied denies stop stopped halt halted
cease ceased end ended reduce reduced alleged allegedly alleges claim claims claimed asserts asserted
pretext false rumour rumours rumor rumors fear fears feared danger risk possibility possibly
perhaps probably likely lest supposed seem seems seemed appear appears appeared`)

// nonGivers between a subject and "aid" show the subject is not the giver:
// "the DRV received aid", "the DRV thanked … for aid".
var nonGivers = setOf(`received receives receiving receive thanked thanks thank grateful welcomed welcomes
praised needs need needed lacks lacked requires required counting count depends depended`)

// aggressiveNouns follow "aggressive" to make an aggression cue:
// "aggressive actions of American imperialism against the DRV".
var aggressiveNouns = setOf(`actions acts policy policies war plans designs intrigues`)

// ownerTails may follow an actor in an "of" phrase: "of American
// imperialism", "of the Soviet government", "of the US air force".
var ownerTails = setOf(`imperialism imperialists government governments side leadership leaders forces
military army people peoples ruling circles air force navy party comrades delegation authorities`)

// demonymPeople follow "Vietnamese" when it names the DRV's side: "the
// Vietnamese people", "the Vietnamese comrades". The knowledge base leaves
// "Vietnamese" out (it names both halves of the divided country), so a
// stance reads it as the DRV only against a socialist-camp counterpart, or
// as the target of American hostility.
var demonymPeople = setOf(`people comrades leaders leadership side government friends delegation communists`)

// socialistCamp are the counterparts against which "the Vietnamese" of a
// stance are the DRV.
var socialistCamp = setOf(`state/soviet-union state/peoples-republic-of-china state/german-democratic-republic
state/poland state/czechoslovakia state/hungary state/romania state/bulgaria state/albania state/mongolia
state/democratic-peoples-republic-of-korea state/cuba state/yugoslavia
party/communist-party-of-the-soviet-union party/chinese-communist-party party/socialist-unity-party-of-germany
party/polish-united-workers-party party/communist-party-of-czechoslovakia party/hungarian-socialist-workers-party
party/romanian-workers-party party/bulgarian-communist-party party/party-of-labour-of-albania
party/workers-party-of-korea party/league-of-communists-of-yugoslavia`)

// countryPlaces are places that stand for a divided country and may be the
// object of a stance.
var countryPlaces = setOf(`place/vietnam place/korea place/germany place/indochina`)

const (
	idDRV = "state/democratic-republic-of-vietnam"
	idPRC = "state/peoples-republic-of-china"
	idUSA = "state/united-states"
)

// actorRef is a state or party named in a stance: a recognised entity, or
// "the Vietnamese …", resolved only once the counterpart is known.
type actorRef struct {
	cl         *cluster
	vietnamese bool
	first      int // first token
	last       int // one past the last token
}

func (r actorRef) ok() bool { return r.cl != nil || r.vietnamese }

func (a *analysis) stances() {
	for s := range a.sents {
		first, end := a.sentenceTokens(s)
		for i := first; i < end; i++ {
			k := a.toks[i].key
			cue, ok := stanceCues[k]
			if !ok {
				if k == "aggressive" && aggressiveNouns[a.key(i+1, end)] {
					cue, ok = stanceCues["aggression"], true
					i++
				} else if k == "hostile" {
					cue, ok = stanceCue{rel: RelOpposes, shape: shapeVerb}, true
				} else if k == "agreed" || k == "agree" {
					a.agreement(s, first, i, end)
					continue
				} else if k == "positions" || k == "views" {
					a.closePositions(s, first, i, end)
					continue
				}
			}
			if !ok || a.startAt[i] >= 0 {
				continue
			}
			if k == "support" && a.supportIsVerb(i, end) {
				cue = stanceCue{rel: RelSupports, shape: shapeVerb}
			}
			clause := a.clauseStart(i, first)
			if blocked(a.toks[clause:i]) {
				continue
			}
			switch cue.shape {
			case shapeVerb:
				a.verbStance(s, clause, i, end, cue.rel)
			default:
				a.nounStance(s, clause, i, end, cue)
			}
		}
	}
}

// supportIsVerb tells "the CPSU fully supports…" style "support" from the
// noun: "the CPSU and the Soviet government fully support the struggle".
func (a *analysis) supportIsVerb(i, end int) bool {
	if n := a.key(i+1, end); n == "to" || n == "for" || n == "of" || n == "by" || n == "and" {
		return false
	}
	switch a.key(i-1, end) {
	case "fully", "actively", "firmly", "strongly", "resolutely", "completely", "also", "always", "will", "to", "they", "we":
		return true
	}
	return i > 0 && a.endsCandidate(i-1)
}

func blocked(toks []token) bool {
	for k, t := range toks {
		if stanceBlockers[t.key] {
			return true
		}
		// "so-called aggression"
		if t.key == "called" && k > 1 && toks[k-1].key == "-" && toks[k-2].key == "so" {
			return true
		}
	}
	return false
}

// verbStance: the subject acts on the object; "supported by", "condemned by"
// turn them round; "hostile to" takes its object after the preposition.
func (a *analysis) verbStance(s, clause, i, end int, rel string) {
	j := i + 1
	if a.key(j, end) == "actively" || a.key(j, end) == "fully" || a.key(j, end) == "strongly" {
		j++
	}
	if a.key(j, end) == "by" {
		src := a.actorAt(j+1, end, 3)
		tgt := a.subject(clause, i)
		a.emitStance(rel, src, []actorRef{tgt}, s)
		return
	}
	if a.toks[i].key == "hostile" {
		if p := a.key(j, end); p != "to" && p != "toward" && p != "towards" {
			return
		}
		j++
	}
	src := a.subject(clause, i)
	if !src.ok() {
		return
	}
	objects := a.objectsAt(j, end)
	a.emitStance(rel, src, objects, s)
	if other := a.joinedSubject(clause, src); other.ok() {
		a.emitStance(rel, other, objects, s) // "the CPSU and the Soviet government support …"
	}
}

// joinedSubject returns the actor joined to subject by "and": "the CPSU and
// the Soviet government".
func (a *analysis) joinedSubject(clause int, subject actorRef) actorRef {
	p := subject.first - 1
	if p >= clause && a.toks[p].key == "the" {
		p--
	}
	if p < clause || a.toks[p].key != "and" {
		return actorRef{}
	}
	return a.actorEndingAt(clause, p-1)
}

// nounStance reads a cue noun: its owner (the actor) and the object after
// its preposition, or the two sides of a mutual noun.
func (a *analysis) nounStance(s, clause, i, end int, cue stanceCue) {
	if cue.mutual {
		if x, y, ok := a.pairAround(clause, i, end); ok {
			a.emitMutual(cue.rel, x, y, s)
			return
		}
		// "the USSR and the GDR signed a treaty of friendship"
		if x := a.subject(clause, i); x.ok() && !a.cueBetween(x.last, i) {
			if y := a.joinedSubject(clause, x); y.ok() && a.key(i+1, end) != "with" {
				a.emitMutual(cue.rel, y, x, s)
				return
			}
		}
		if cue.shape == shapeMutual && len(cue.preps) == 0 {
			return
		}
	}
	owner, j := a.ownerOf(clause, i, end, !contains(cue.preps, "of"))
	p := a.key(j, end)
	if p == "given" || p == "rendered" || p == "provided" || p == "extended" {
		j++ // "aid given to North Vietnam"
		p = a.key(j, end)
	}
	if !contains(cue.preps, p) {
		return
	}
	targets := a.objectsAt(j+1, end)
	if len(targets) == 0 {
		return
	}
	if !owner.ok() {
		// "the bombing of North Vietnam by American aircraft"
		last := targets[len(targets)-1].last
		for last < end && ownerTails[a.toks[last].key] {
			last++
		}
		if a.key(last, end) == "by" {
			owner = a.actorAt(last+1, end, 1)
		}
	}
	if !owner.ok() && cue.shape != shapeMutual {
		// "the Soviet Union has been giving great aid to the DRV"; for
		// hostility only "the US continued its aggression against …"
		pronoun := a.key(i-1, end) == "its" || a.key(i-1, end) == "their"
		if p == "in" || (cue.rel == RelOpposes || cue.shape == shapeOwned) && !pronoun {
			return
		}
		owner = a.subject(clause, i)
		if !owner.ok() || a.cueBetween(owner.last, i) {
			return
		}
	}
	if !owner.ok() {
		return
	}
	if cue.shape == shapeMutual {
		// "friendship with": both ways
		for _, t := range targets {
			a.emitMutual(cue.rel, owner, t, s)
		}
		return
	}
	a.emitStance(cue.rel, owner, targets, s)
}

// cueBetween reports whether another stance cue, or a verb showing its
// subject receives rather than gives, stands in tokens [i, j).
func (a *analysis) cueBetween(i, j int) bool {
	for k := i; k < j; k++ {
		if _, cue := stanceCues[a.toks[k].key]; cue || nonGivers[a.toks[k].key] || a.toks[k].key == "hostile" {
			return true
		}
	}
	return false
}

// ownerOf returns the actor a cue noun at i belongs to — "the Soviet
// Union's aid", "Soviet military aid", "the aggression of the US",
// "aggressive actions of American imperialism", "the Vietnamese people in
// their struggle" — and the token after the noun and any "of" phrase, where
// the preposition of the object is looked for.
func (a *analysis) ownerOf(clause, i, end int, ofOwner bool) (actorRef, int) {
	after := i + 1
	// "of the US [imperialists]", "of the CC of the VWP"; not for "the
	// bombing of North Vietnam", where "of" names the object
	if ofOwner && a.key(after, end) == "of" {
		if r := a.actorAt(after+1, end, 6); r.ok() {
			j := r.last
			for j < end && ownerTails[a.toks[j].key] {
				j++
			}
			return r, j
		}
	}
	// "Soviet [economic and military] aid", "the Soviet Union's aid"
	j := i - 1
	if i-1 > clause && a.toks[i-1].key == "aggressive" {
		j--
	}
	for n := 0; n < 3 && j > clause && a.isModifier(j, clause); n++ {
		j--
	}
	if j >= clause && a.toks[j].key == "'s" {
		j--
	}
	if r := a.actorEndingAt(clause, j); r.ok() {
		return r, after
	}
	// "the Vietnamese people in their struggle", "X for its struggle"
	if p := a.key(i-1, end); (p == "their" || p == "its") && i-2 >= clause {
		if q := a.key(i-2, end); q == "in" || q == "for" {
			for k := i - 3; k >= clause && k >= i-7; k-- {
				if r := a.actorEndingAt(clause, k); r.ok() {
					return r, after
				}
			}
		}
	}
	return actorRef{}, after
}

// isModifier reports whether token j can stand between an owner and its
// noun: "Soviet [economic and military] aid", "American [armed]
// aggression" — not "the DRV and about our aid".
func (a *analysis) isModifier(j, clause int) bool {
	t := a.toks[j]
	if !t.word || t.capital || a.startAt[j] >= 0 || stanceBlockers[t.key] || objectPreps[t.key] || nonModifiers[t.key] {
		return false
	}
	if t.key == "and" {
		return j-1 >= clause && a.toks[j-1].word && !a.toks[j-1].capital && !nonModifiers[a.toks[j-1].key]
	}
	return true
}

var nonModifiers = setOf(`the a an our their its his her my your we they he she it this that these those
has have had is are was were be been being of`)

// shortParty reads a party named by its short form, "the Worker's Party",
// as the one party of the document whose fuller name holds those words
// ("DRV Worker's Party"). It returns the reference when exactly one does.
func (a *analysis) shortParty(i, end int) actorRef {
	j := i
	for j < end && j < i+3 && a.toks[j].word && a.toks[j].capital && a.startAt[j] < 0 && a.toks[j].key != "party" {
		j++
	}
	if j == i || j >= end || a.toks[j].key != "party" || a.startAt[j] >= 0 {
		return actorRef{}
	}
	var found *cluster
	for _, c := range a.res.clusters {
		if c.typ != TypeParty {
			continue
		}
		for _, ci := range c.mentions {
			if a.holdsWords(ci, i, j+1) {
				if found != nil && found != c {
					return actorRef{}
				}
				found = c
				break
			}
		}
	}
	if found == nil {
		return actorRef{}
	}
	return actorRef{cl: found, first: i, last: j + 1}
}

// holdsWords reports whether the mention ci contains the words of tokens
// [i, j) in a row.
func (a *analysis) holdsWords(ci, i, j int) bool {
	c := a.cands[ci]
	n := j - i
	for k := c.first; k+n <= c.last; k++ {
		same := true
		for m := 0; m < n; m++ {
			if a.toks[k+m].key != a.toks[i+m].key {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	return false
}

// subject returns the nearest state or party before the cue at i within its
// clause, ten tokens at most, not across a comma, and not the object of a
// preposition other than "of" ("talks with the Soviet delegation").
func (a *analysis) subject(clause, i int) actorRef {
	for j := i - 1; j >= clause && j >= i-10; j-- {
		k := a.toks[j].key
		if k == "," || k == ";" || k == ":" || k == "(" || subjectStops[k] {
			return actorRef{}
		}
		if r := a.actorEndingAt(clause, j); r.ok() {
			if p := r.first - 1; p >= clause {
				if a.toks[p].key == "the" || a.toks[p].key == "and" {
					p--
				}
				if p >= clause && objectPreps[a.toks[p].key] {
					return actorRef{}
				}
			}
			return r
		}
	}
	return actorRef{}
}

var objectPreps = setOf(`to with from against for in on by at between into toward towards about within
among under over through during after before`)

// subjectStops end the search for a subject: a clause of its own begins
// ("Laos was concerned that we seemed to support …") or a pronoun is the
// subject.
var subjectStops = setOf(`that which who whom whose because while although though when since unless
we i you he she they it`)

// actorEndingAt returns the actor whose name ends at token j.
func (a *analysis) actorEndingAt(clause, j int) actorRef {
	if j < clause {
		return actorRef{}
	}
	if demonymPeople[a.toks[j].key] && j-1 >= clause && a.toks[j-1].key == "vietnamese" {
		return actorRef{vietnamese: true, first: j - 1, last: j + 1}
	}
	if a.toks[j].key == "party" && a.toks[j].capital && a.startAt[j] < 0 {
		for k := j - 1; k >= clause && k >= j-3; k-- {
			if r := a.shortParty(k, j+1); r.ok() && r.last == j+1 {
				return r
			}
		}
		return actorRef{}
	}
	for k := j; k >= clause && k >= j-6; k-- {
		if ci := a.startAt[k]; ci >= 0 {
			if a.cands[ci].last != j+1 || !a.isActor(ci) {
				return actorRef{}
			}
			return actorRef{cl: a.entity(ci), first: k, last: j + 1}
		}
	}
	return actorRef{}
}

// actorAt returns the state, party or organisation named from token i on,
// after at most limit words of article, adjective or governing body ("the
// increasing American aggression", "the CC of the VWP", "the people of the
// USSR").
func (a *analysis) actorAt(i, end, limit int) actorRef {
	for j, n := i, 0; j < end && n <= limit; j, n = j+1, n+1 {
		if ci := a.startAt[j]; ci >= 0 {
			c := a.entity(ci)
			if a.isActorOrOrg(ci) || c.typ == TypePlace && countryPlaces[c.id] {
				return actorRef{cl: c, first: j, last: a.cands[ci].last}
			}
			return actorRef{}
		}
		t := a.toks[j]
		if t.key == "vietnamese" && demonymPeople[a.key(j+1, end)] {
			return actorRef{vietnamese: true, first: j, last: j + 2}
		}
		if !t.word || stanceBlockers[t.key] || objectPreps[t.key] || t.key == "and" {
			return actorRef{}
		}
		if cue, ok := stanceCues[t.key]; ok && j > i && contains(cue.preps, "of") {
			// "condemned the bombing of North Vietnam": what is condemned
			// is the bombing, whose own cue reads it ("the aggression of
			// the US", "the struggle of the Vietnamese people" name the
			// actor, so the scan goes on through them)
			return actorRef{}
		}
		if t.capital && !governingBodies[t.key] && t.key != "the" {
			if r := a.shortParty(j, end); r.ok() {
				return r
			}
			if j > i {
				return actorRef{}
			}
		}
	}
	return actorRef{}
}

// objectsAt reads the object of a cue from token i: "the DRV", "the DRV and
// the DPRK", "the recent decisions of the CPSU CC".
func (a *analysis) objectsAt(i, end int) []actorRef {
	first := a.actorAt(i, end, 5)
	if !first.ok() {
		return nil
	}
	out := []actorRef{first}
	j := first.last
	for j < end && ownerTails[a.toks[j].key] {
		j++
	}
	if a.key(j, end) == "and" {
		k := j + 1
		if a.key(k, end) == "the" {
			k++
		}
		if r := a.actorAt(k, end, 0); r.ok() {
			out = append(out, r)
		}
	}
	return out
}

// pairAround reads the two sides of a mutual noun at i: "between X and Y"
// after it, or "X-Y" just before it ("Soviet-Vietnamese friendship", "the
// Sino-Soviet split").
func (a *analysis) pairAround(clause, i, end int) (actorRef, actorRef, bool) {
	j := i + 1
	for n := 0; n < 8 && j < end && a.toks[j].key != "between"; n++ {
		if k := a.toks[j].key; k != "of" && k != "and" && k != "," && k != "mutual" && k != "assistance" && !stanceCues[k].mutual {
			break
		}
		j++ // "Treaty of Friendship, Alliance and Mutual Assistance between"
	}
	if a.key(j, end) == "between" {
		x := a.actorAt(j+1, end, 3)
		if x.ok() && a.key(x.last, end) == "and" {
			if y := a.actorAt(x.last+1, end, 3); y.ok() {
				return x, y, true
			}
		}
		return actorRef{}, actorRef{}, false
	}
	// X - Y [adjective] noun
	k := i - 1
	if k > clause && a.toks[k].word && !a.toks[k].capital && a.startAt[k] < 0 {
		k-- // "Soviet-Vietnamese fraternal friendship"
	}
	y := a.compoundPart(clause, k)
	if !y.ok() || y.first-1 <= clause || a.toks[y.first-1].key != "-" {
		return actorRef{}, actorRef{}, false
	}
	x := a.compoundPart(clause, y.first-2)
	if !x.ok() {
		return actorRef{}, actorRef{}, false
	}
	return x, y, true
}

// compoundPart reads one side of "Sino-Soviet", "Soviet-Vietnamese".
func (a *analysis) compoundPart(clause, j int) actorRef {
	if j < clause {
		return actorRef{}
	}
	switch a.toks[j].key {
	case "vietnamese":
		return actorRef{vietnamese: true, first: j, last: j + 1}
	case "sino":
		if c := a.clusterByID(idPRC); c != nil {
			return actorRef{cl: c, first: j, last: j + 1}
		}
		return actorRef{}
	}
	if ci := a.startAt[j]; ci >= 0 && a.cands[ci].last == j+1 && a.isActor(ci) {
		return actorRef{cl: a.entity(ci), first: j, last: j + 1}
	}
	return actorRef{}
}

// agreement reads "X and Y agreed" (both ways) and "X agreed with Y".
func (a *analysis) agreement(s, first, i, end int) {
	clause := a.clauseStart(i, first)
	if blocked(a.toks[clause:i]) || a.key(i+1, end) == "to" {
		return
	}
	if a.key(i+1, end) == "with" {
		src := a.subject(clause, i)
		if src.ok() {
			a.emitStance(RelSupports, src, a.objectsAt(i+2, end), s)
		}
		return
	}
	j := i - 1
	if k := a.key(j, end); k == "have" || k == "had" || k == "both" || k == "fully" || k == "completely" {
		j--
	}
	y := a.actorEndingAt(clause, j)
	if !y.ok() || y.first-1 < clause {
		return
	}
	p := y.first - 1
	if a.toks[p].key == "the" {
		p--
	}
	if p < clause || a.toks[p].key != "and" {
		return
	}
	x := a.actorEndingAt(clause, p-1)
	if x.ok() {
		a.emitMutual(RelSupports, x, y, s)
	}
}

// closePositions reads "the positions of X and Y are close" (or identical,
// coincide, the same): both ways.
func (a *analysis) closePositions(s, first, i, end int) {
	clause := a.clauseStart(i, first)
	if blocked(a.toks[clause:i]) || a.key(i+1, end) != "of" {
		return
	}
	x := a.actorAt(i+2, end, 2)
	if !x.ok() || a.key(x.last, end) != "and" {
		return
	}
	y := a.actorAt(x.last+1, end, 2)
	if !y.ok() {
		return
	}
	for j := y.last; j < end && j < y.last+4; j++ {
		switch a.toks[j].key {
		case "not", "never", "no", "n't":
			return
		case "close", "identical", "coincide", "coincided", "similar", "same":
			a.emitMutual(RelSupports, x, y, s)
			return
		}
	}
}

// emitStance records rel from src to each target, resolving "the
// Vietnamese" against the other side and keeping to the types a stance is
// between.
func (a *analysis) emitStance(rel string, src actorRef, targets []actorRef, s int) {
	for _, tgt := range targets {
		from, to := a.resolveSide(src, tgt, rel), a.resolveSide(tgt, src, rel)
		if from == nil || to == nil || from == to {
			continue
		}
		if from.typ != TypeState && from.typ != TypeParty {
			continue
		}
		if to.typ == TypePerson || to.typ == TypePlace && !countryPlaces[to.id] {
			continue
		}
		a.add(rel, from, to, a.sents[s], a.date, "")
	}
}

// emitMutual records rel both ways between two states or parties; a pair
// with anything else on one side gives nothing rather than half a relation.
func (a *analysis) emitMutual(rel string, x, y actorRef, s int) {
	from, to := a.resolveSide(x, y, rel), a.resolveSide(y, x, rel)
	if from == nil || to == nil || from == to || !isStanceActor(from) || !isStanceActor(to) {
		return
	}
	a.add(rel, from, to, a.sents[s], a.date, "")
	a.add(rel, to, from, a.sents[s], a.date, "")
}

func isStanceActor(c *cluster) bool { return c.typ == TypeState || c.typ == TypeParty }

// resolveSide turns a reference into an entity of the document: "the
// Vietnamese" are the DRV when the other side is of the socialist camp, or
// is the United States opposing them.
func (a *analysis) resolveSide(r, other actorRef, rel string) *cluster {
	if !r.vietnamese {
		return r.cl
	}
	if other.cl == nil {
		return nil
	}
	if socialistCamp[other.cl.id] || other.cl.id == idUSA && rel == RelOpposes {
		return a.clusterByID(idDRV)
	}
	return nil
}

func contains(list []string, w string) bool {
	for _, x := range list {
		if x == w {
			return true
		}
	}
	return false
}
