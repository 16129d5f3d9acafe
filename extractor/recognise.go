package extractor

import (
	"strings"
)

// candidate is one recognised mention, a run of tokens [first, last).
type candidate struct {
	first, last int
	typ         string
	kb          int    // knowledge-base entry, or -1
	name        string // normalised name for rule-found entities ("L. I. Sokolov")
	alias       string // abbreviation defined inline, for local definitions
	rule        string // which signal found it, for tests and debugging
	// female marks a person named by a woman's title and a surname ("Mrs.
	// Smithers", "Madame X"): the surname alone is often her husband's, so
	// she is not merged with a man of that name.
	female bool
}

// Words that open a title before a person's name. Runs of them are consumed
// together ("Lieutenant General", "Prime Minister", "Vice Premier").
var titleWords = map[string]bool{
	"cde": true, "comrade": true, "mr": true, "mrs": true, "ms": true, "miss": true, "dr": true,
	"ambassador": true, "premier": true, "chairman": true, "president": true, "general": true,
	"gen": true, "secretary": true, "minister": true, "prince": true, "princess": true,
	"marshal": true, "admiral": true, "adm": true, "colonel": true, "col": true, "lieutenant": true,
	"lt": true, "major": true, "maj": true, "captain": true, "capt": true, "senator": true,
	"sen": true, "governor": true, "gov": true, "consul": true, "counselor": true, "counsellor": true,
	"chargé": true, "charge": true, "madame": true, "mme": true, "monsieur": true, "sir": true,
	"professor": true, "prof": true, "king": true, "queen": true, "emperor": true,
	"generalissimo": true, "brigadier": true, "bridgadier": true, "commander": true, "father": true,
	"bishop": true, "cardinal": true, "deputy": true, "vice": true, "foreign": true, "prime": true,
	"acting": true, "assistant": true, "under": true, "first": true, "comrades": true, "cdes": true,
	"messrs": true, "honorable": true, "honourable": true, "excellency": true, "his": true, "her": true,
	"the": true, "chief": true, "envoy": true, "gens": true, "generals": true, "congressman": true,
	"congresswoman": true, "director": true, "ambassadors": true, "senators": true,
}

// The title words that can open a title; the others ("First", "Deputy",
// "Under") only continue one, because they also start ordinary sentences.
var triggerWords = setOf(`cde cdes comrade comrades messrs mr mrs ms dr ambassador premier
chairman president general gen secretary minister prince princess marshal admiral adm colonel
col lieutenant lt major maj captain capt senator sen governor gov consul counselor counsellor
chargé madame mme monsieur sir professor prof king queen emperor generalissimo brigadier
bridgadier commander bishop cardinal honorable honourable envoy gens generals congressman
congresswoman director ambassadors senators`)

// Titles that introduce a list of people: "Cdes. A, B, and C".
var pluralTitles = map[string]bool{"cdes": true, "comrades": true, "messrs": true, "gens": true,
	"generals": true, "ambassadors": true, "senators": true}

// Words of the department or service an office belongs to, which may stand
// between the office and its holder: "Secretary of Defense X", "Chief of
// Staff X", "Minister of Foreign Affairs X".
var officeDomains = setOf(`defense defence state staff treasury agriculture commerce labor labour
interior justice foreign affairs finance information war economy economic national health
education navy army air force naval operations the planning security`)

// Capitalised words that are never part of a person's name; they stop a
// name and keep rules from reading "Mr. President" or "Foreign Affairs" as
// people.
var notNameWords = setOf(`a an and the of in on at to for with from by as or but nor so yet if
this that these those he she it we they i you his her our their its my your there here then
affairs government embassy ministry department committee council party office state states
republic union army navy conference commission assembly delegation staff section division
bureau agency administration plan operations mission group forces force bank company house
senate congress court front people peoples soviet communist communists socialist national
international central federal democratic federation kingdom royal province district city
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday subject participants present
record memorandum telegram letter despatch note paper report summary conversation meeting
secret confidential top copy no yes dear respected excellency honorable
north south east west northern southern eastern western new old great
minister ambassador president premier chairman secretary general chief director
mr mrs dr cde comrade comrades cdes sir prince king
embassy legation consulate treaty accords agreement agreements declaration
english french russian chinese german vietnamese american british editorial
nations asian african european communism imperialism imperialists
aid considerations program programs guidance problems problem regarding attention volume
policy conclusions annex appendix enclosure tab part chapter section paragraph item
plan security defense defence economic military political affairs relations
sincerely regards respectfully yours faithfully cordially signed end recommendation
recommendations discussion discussions
god lord church day week year month time
yesterday today tomorrow tonight later meanwhile however moreover thus therefore accordingly
finally instead nevertheless recently perhaps also still since while when where after before
although though because during following furthermore besides otherwise unfortunately
fortunately apparently obviously clearly certainly indeed personally only even please again
having being team guard police corps service services institute university school press radio
subjects topics matters questions issues points
re deptel deptels embtel embtels reftel ref circ niact embdes contel urtel mytel
both each all neither either none some many most several others another everyone nobody
arab arabs muslim muslims moslem moslems buddhist buddhists buddhism catholic catholics
protestant protestants hindu hindus jewish jews islam islamic orthodox marxist marxists
leninist leninists maoist maoists trotskyite trotskyites socialists nationalist nationalists
imperialist capitalist capitalists revolutionary revolutionaries americans asians africans
europeans westerners easterners latin
library foundation doctrine prize memorial airport avenue boulevard museum`)

// Words that, right after the name of a known person, make the pair the
// name of something named after the person: "Kennedy Library", "Truman
// Doctrine", "Lenin Prize", "Eisenhower Administration". Such a pair
// mentions no person.
var namedAfterWords = setOf(`library libraries foundation institute center centre university
college school prize prizes award memorial airport avenue street boulevard square hall line
doctrine plan administration administrations papers museum park bridge dam station stadium
mausoleum lecture lectures fund trust hospital road canal`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// Lower-case particles allowed inside a name ("Charles de Gaulle",
// "Ngo dinh Nhu").
var nameParticles = setOf(`de van von der da di la du bin ibn al dinh thi`)

// Vietnamese family names: a capitalised one followed by two more name words
// is a person ("Nguyen Van Kien", "Lam Le Trinh").
var vietnameseSurnames = setOf(`nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo
duong ly truong dinh doan lam luong mai trinh ton ha cao ta chu thai quach lai la tong`)

var nameSuffixes = setOf(`jr sr ii iii`)

// Letters that as a lone "initial" are more often Roman numerals
// ("Volume I.") or list labels.
var romanInitial = setOf(`i v x`)

// Common given names of the languages of the sources (English, French,
// German, Slavic, Italian, Spanish). A capitalised word after one is a
// surname: "Eric Kocher", "Leland Barrows". Names that are also ordinary
// words or places are left out.
var givenNames = setOf(`aaron adam adolf albert alexander alexei alfred allen alan andrew
andrei anthony antonio arthur averell barry benjamin bernard boris carl carlos charles
chester christian christopher clark clement daniel david dean dmitri donald douglas
dwight edgar edmund edward edwin elbridge emil eric ernest eugene felix francis
franz frederick friedrich fritz gene george georges gerald gordon graham harold harry
heinrich helmut henry herbert herman howard hubert hugh ivan jack jacques james jan jean
john johann jonathan joseph josef juan karl kenneth kurt lawrence leland leo leon leonard
leonid lester lewis lincoln livingston louis ludwig lyndon manuel marcel mario marshall maurice
maxwell michael mikhail miguel milton myron neil nelson nicholas nikolai norman olaf oliver
oscar otto pablo paul pavel perry peter philip pierre pyotr ralph raymond richard robert
roger ronald roy rudolf samuel sergei sherman stanley stephen sergey theodore thomas
vasily victor viktor vladimir walt walter warren wesley wilhelm willard william wolfgang
yuri anna beverly emily lily catherine dorothy elizabeth eleanor helen jane margaret mary nina ruth sarah
mike bob bill jim joe ted tom dick ed al fred chuck ike hal rob jeff hugh ken larry ron dan
steve tony andy sam pete wolf claude henri rene andre jules`)

// Vietnamese middle names, which cannot end a two-word name.
var vietnameseMiddles = setOf(`van thi dinh huu duc ngoc xuan quang cong`)

// Slavic surname endings, for names met without a title ("Kuznetsov said").
var slavicEndings = []string{"ov", "ev", "yov", "ova", "eva", "sky", "skiy", "skii", "ski", "enko", "vich", "chuk", "shvili"}

// Prepositions after which a Slavic-looking word is more likely a place
// ("in Kharkov", "to Kiev").
var placePrepositions = setOf(`in to from at near via through`)

// recogniser finds the candidate mentions of one document.
type recogniser struct {
	kb      *knowledgeBase
	content string
	toks    []token
	sents   []span
	covered []bool // tokens already inside a candidate
	out     []candidate
	// local maps abbreviations defined inline ("GKES [State Committee …]")
	// to their expansion.
	local map[string]localDef
	// titleFirst and titleLast bound the sentences of the title [first,
	// last); both are -1 without a title.
	titleFirst, titleLast int
	// lower holds the words the document writes in lower case, built on
	// first use (see writtenLower).
	lower map[string]bool
}

type localDef struct {
	name, typ string
}

func (r *recogniser) text(i int) string { return r.content[r.toks[i].start:r.toks[i].end] }

// run finds candidates in three passes: inline definitions, then the
// knowledge base and the rules from left to right (the knowledge base wins
// where both apply), then bare surnames of people already found.
func (r *recogniser) run() []candidate {
	r.covered = make([]bool, len(r.toks))
	r.findDefinitions()
	for i := 0; i < len(r.toks); {
		if n := r.matchAt(i); n > 0 {
			i += n
			continue
		}
		i++
	}
	r.participantLines()
	r.signature()
	// surnames runs before the cues, which lean on the people found
	// ("McGarr and Colby" after "William Colby"), and after the tagger
	r.surnames()
	r.contextual()
	before := len(r.out)
	r.statisticalNames()
	for _, c := range r.out[before:] {
		if c.last-c.first > 1 {
			r.surnames()
			break
		}
	}
	sortCandidates(r.out)
	return r.out
}

// matchAt tries every signal at token i and returns how many tokens the
// accepted candidates consumed (0 when none).
func (r *recogniser) matchAt(i int) int {
	if r.covered[i] {
		return 1
	}
	t := r.toks[i]
	if !t.word {
		if t.key == "(" {
			return r.parenthesisedName(i)
		}
		return 0
	}
	if al, n, ok := r.kb.match(r.content, r.toks, i); ok {
		typ := r.kb.entries[al.entry].Type
		if typ == TypePerson && r.namedAfter(i+n) {
			// "Kennedy Library": neither the person nor, for the rules, a name
			for k := i; k <= i+n; k++ {
				r.covered[k] = true
			}
			return n + 1
		}
		r.add(candidate{first: i, last: i + n, typ: typ, kb: al.entry, rule: "kb"})
		return n
	}
	if d, ok := r.local[r.text(i)]; ok {
		r.add(candidate{first: i, last: i + 1, typ: d.typ, kb: -1, name: d.name, alias: r.text(i), rule: "definition"})
		return 1
	}
	if (triggerWords[t.key] || t.key == "chief" && r.nextKey(i) == "of") && (t.capital || t.key == "cde" || t.key == "cdes") {
		if n := r.titled(i); n > 0 {
			return n
		}
	}
	if n := r.nameShape(i); n > 0 {
		return n
	}
	return 0
}

// namedAfter reports whether token i, in the sentence of the token before
// it, is a capitalised word like "Library" or "Doctrine" that turns the
// person's name before it into the name of an institution or a policy.
func (r *recogniser) namedAfter(i int) bool {
	if i <= 0 || i >= len(r.toks) || r.toks[i].sent != r.toks[i-1].sent {
		return false
	}
	t := r.toks[i]
	return t.word && t.capital && namedAfterWords[t.key]
}

func (r *recogniser) add(c candidate) {
	for k := c.first; k < c.last; k++ {
		r.covered[k] = true
	}
	r.out = append(r.out, c)
}

// skipDot steps over the period of an abbreviated title ("Cde.", "Mr.").
func (r *recogniser) skipDot(i int) int {
	if i < len(r.toks) && r.toks[i].key == "." {
		return i + 1
	}
	return i
}

// titled reads "Cde. X", "Ambassador X", "Lieutenant General X" and lists
// after plural titles ("Cdes. A, B, and C"). It returns the tokens consumed.
func (r *recogniser) titled(i int) int {
	sent := r.toks[i].sent
	plural := pluralTitles[r.toks[i].key]
	j := r.skipDot(i + 1)
	for j < len(r.toks) && r.toks[j].sent == sent && r.toks[j].word && titleWords[r.toks[j].key] && r.toks[j].key != "the" {
		plural = plural || pluralTitles[r.toks[j].key]
		j = r.skipDot(j + 1)
	}
	j = r.skipOfficeDomain(j, sent)
	if femaleTitles[r.toks[i].key] {
		return r.femaleTitled(i, j)
	}
	found := false
	for j < len(r.toks) && r.toks[j].sent == sent {
		if _, n, ok := r.kb.match(r.content, r.toks, j); ok {
			// a known entity after the title: the knowledge base takes it
			if !plural {
				return j - i
			}
			al, _, _ := r.kb.match(r.content, r.toks, j)
			if r.kb.entries[al.entry].Type != TypePerson {
				break
			}
			r.add(candidate{first: j, last: j + n, typ: TypePerson, kb: al.entry, rule: "kb"})
			j += n
			found = true
		} else if n := r.nameAfterTitle(j); n > 0 {
			r.add(candidate{first: j, last: j + n, typ: TypePerson, kb: -1, name: r.personName(j, j+n), rule: "title"})
			j += n
			found = true
		} else {
			break
		}
		if !plural {
			break
		}
		// list separators: ",", "and", ", and", "&"
		k := j
		for k < len(r.toks) && r.toks[k].sent == sent && (r.toks[k].key == "," || r.toks[k].key == "and" || r.toks[k].key == "&") {
			k++
		}
		if k == j {
			break
		}
		j = k
	}
	if !found {
		return 0
	}
	return j - i
}

// Titles of women, whose name may be her husband's: "Mrs. X" is not "Mr. X".
var femaleTitles = setOf(`mrs madame mme miss ms`)

// femaleTitled reads the name after a woman's title at i, the name
// starting at j. A knowledge-base woman known by such a title ("Madame
// Nhu", "Mrs. Gandhi") is taken; a bare known surname after the title
// ("Mrs. Khrushchev") names someone else than the man of the knowledge
// base, and becomes a person of its own with the title in her name; a full
// known name ("Mrs. Golda Meir") is trusted.
func (r *recogniser) femaleTitled(i, j int) int {
	if j >= len(r.toks) || r.toks[j].sent != r.toks[i].sent || r.covered[j] {
		return 0
	}
	al, n, known := r.kb.match(r.content, r.toks, j)
	if known && r.kb.entries[al.entry].Type != TypePerson {
		return 0
	}
	if !known {
		n = r.nameAfterTitle(j)
		if n == 0 {
			return 0
		}
	}
	if e, ok := r.kb.womanByTitle(r.toks[j+n-1].key); ok {
		r.add(candidate{first: i, last: j + n, typ: TypePerson, kb: e, rule: "kb"})
		return j + n - i
	}
	if known && n > 1 {
		return j - i // the main loop takes the full name
	}
	r.add(candidate{first: i, last: j + n, typ: TypePerson, kb: -1, name: r.personName(i, j+n), rule: "title", female: true})
	return j + n - i
}

// womanByTitle finds the one person of the knowledge base with an alias of
// a woman's title and the surname key ("Madame Nhu", "Mme. Nhu").
func (kb *knowledgeBase) womanByTitle(key string) (int, bool) {
	found := -1
	for _, title := range []string{"madame", "mme", "mrs", "miss", "ms"} {
		for _, al := range kb.byFirst[title] {
			if al.keys[len(al.keys)-1] != key || kb.entries[al.entry].Type != TypePerson {
				continue
			}
			if found >= 0 && found != al.entry {
				return 0, false
			}
			found = al.entry
		}
	}
	return found, found >= 0
}

func (r *recogniser) nextKey(i int) string {
	if i+1 < len(r.toks) && r.toks[i+1].sent == r.toks[i].sent {
		return r.toks[i+1].key
	}
	return ""
}

// skipOfficeDomain steps over "of Defense", "of the Treasury" after a title
// when a name follows it; otherwise it leaves j where it was.
func (r *recogniser) skipOfficeDomain(j, sent int) int {
	if j >= len(r.toks) || r.toks[j].key != "of" {
		return j
	}
	k := j + 1
	for k < len(r.toks) && r.toks[k].sent == sent && officeDomains[r.toks[k].key] && (r.toks[k].capital || r.toks[k].key == "the") {
		k++
	}
	if k == j+1 || k >= len(r.toks) || r.toks[k].sent != sent || !r.isNameWord(k) {
		return j
	}
	return k
}

// isNameWord reports whether token i can be part of a person's name.
func (r *recogniser) isNameWord(i int) bool {
	t := r.toks[i]
	if !t.word || !t.capital || notNameWords[t.key] || titleWords[t.key] {
		return false
	}
	return len(t.key) > 1 || r.isInitial(i)
}

// bracketedWord: an initial the editors completed in brackets,
// "C[hristian]", four tokens without spaces between them.
func (r *recogniser) bracketedWord(i int) bool {
	if i+3 >= len(r.toks) {
		return false
	}
	t, open, rest, closing := r.toks[i], r.toks[i+1], r.toks[i+2], r.toks[i+3]
	return t.word && t.capital && len(t.key) == 1 && open.key == "[" && rest.word && closing.key == "]" &&
		t.end == open.start && open.end == rest.start && rest.end == closing.start && !rest.capital
}

// isInitial: one capital letter (or "Yu") followed by a period.
func (r *recogniser) isInitial(i int) bool {
	t := r.toks[i]
	if !t.word || !t.capital || i+1 >= len(r.toks) || r.toks[i+1].key != "." {
		return false
	}
	n := len([]rune(r.text(i)))
	return n == 1 || (n == 2 && (t.key == "yu" || t.key == "ya" || t.key == "zh" || t.key == "ch" || t.key == "sh"))
}

// nameRun returns the length in tokens of the name starting at i: name
// words, initials with their periods, glued hyphenated parts and particles.
// It stops at a known entity of the knowledge base.
func (r *recogniser) nameRun(i int) (n, words, initials int) {
	sent := r.toks[i].sent
	j := i
	for j < len(r.toks) && r.toks[j].sent == sent && words+initials < 5 && !r.covered[j] {
		t := r.toks[j]
		if j > i {
			// a known entity starts here: "Ambassador Sokolov" stops before
			// a following "Soviet", "BETWEEN" before "N. S. KHRUSHCHEV"
			if al, n, ok := r.kb.match(r.content, r.toks, j); ok && !r.vietnameseContinues(i, j, al, n) {
				break
			}
		}
		switch {
		case r.isInitial(j):
			initials++
			j += 2
		case r.bracketedWord(j):
			words++
			j += 4
		case r.isNameWord(j):
			words++
			j++
			// glued hyphenated part: "Tse-tung", "Gheorghiu-Dej"
			for j+1 < len(r.toks) && r.toks[j].key == "-" && r.toks[j-1].end == r.toks[j].start &&
				r.toks[j].end == r.toks[j+1].start && r.toks[j+1].word {
				j += 2
			}
		case j > i && t.word && nameParticles[t.key] && j+1 < len(r.toks) && r.isNameWord(j+1):
			j++
		default:
			return j - i, words, initials
		}
	}
	return j - i, words, initials
}

// vietnameseContinues reports whether the one-word person alias al at
// token j is the personal name that ends a Vietnamese name begun at i
// ("Nguyen Van Khanh" is not Nguyen Khanh, known as "Khanh"): a run that
// opens with a Vietnamese family name goes on through it.
func (r *recogniser) vietnameseContinues(i, j int, al kbAlias, n int) bool {
	if n != 1 || r.kb.entries[al.entry].Type != TypePerson || !vietnameseSurnames[r.toks[i].key] {
		return false
	}
	for k := i; k < j; k++ {
		if !r.isNameWord(k) {
			return false
		}
	}
	return true
}

// nameAfterTitle accepts any name run with at least one word: a title is
// evidence enough.
func (r *recogniser) nameAfterTitle(i int) int {
	if i >= len(r.toks) || r.covered[i] {
		return 0
	}
	n, words, _ := r.nameRun(i)
	if words == 0 {
		return 0
	}
	if n == 1 && r.toks[i].allCaps && len(r.toks[i].key) <= 3 {
		return 0 // a service or agency after a rank: "Capt. USN"
	}
	// do not end on an initial ("Mr. Smith J.")
	for n > 0 && r.toks[i+n-1].key == "." && n >= 2 && r.isInitial(i+n-2) {
		n -= 2
	}
	return n
}

// nameShape finds people without a title, by the shape of the name:
// initials ("L. I. SOKOLOV", "J. Graham Parsons"), a middle initial
// ("Walter S. Robertson"), a Vietnamese name ("Nguyen Van Kien") or a Slavic
// surname ending.
func (r *recogniser) nameShape(i int) int {
	if !r.toks[i].capital {
		return 0
	}
	n, words, initials := r.nameRun(i)
	if n == 0 {
		return 0
	}
	sentStart := i == 0 || r.toks[i-1].sent != r.toks[i].sent
	last := i + n - 1
	switch {
	case initials > 0 && words > 0 && (r.toks[last].word || r.toks[last].key == "]"):
		// "A. Summary" at the head of a numbered paragraph, "Volume I.
		// Attention" and "A. Special Operating Guidance" are not names
		if initials == 1 && (sentStart && r.isInitial(i) || words > 2 || romanInitial[r.toks[i+n-3].key] || romanInitial[r.toks[i].key]) {
			return 0
		}
		r.add(candidate{first: i, last: i + n, typ: TypePerson, kb: -1, name: r.personName(i, i+n), rule: "initials"})
		return n
	case givenNames[r.toks[i].key] && words >= 2 && words <= 3 && initials == 0 && !r.toks[i].allCaps:
		r.add(candidate{first: i, last: i + n, typ: TypePerson, kb: -1, name: r.personName(i, i+n), rule: "given name"})
		return n
	case vietnameseSurnames[r.toks[i].key] && words >= 2 && initials == 0:
		if words == 2 && (vietnameseMiddles[r.toks[last].key] || len(r.toks[i].key) < 3) {
			return 0
		}
		r.add(candidate{first: i, last: i + n, typ: TypePerson, kb: -1, name: r.personName(i, i+n), rule: "vietnamese"})
		return n
	case words == 1 && initials == 0 && hasSlavicEnding(r.toks[i].key) && len(r.toks[i].key) >= 5:
		if i > 0 && placePrepositions[r.toks[i-1].key] {
			return 0
		}
		r.add(candidate{first: i, last: i + 1, typ: TypePerson, kb: -1, name: r.personName(i, i+1), rule: "slavic"})
		return 1
	}
	return 0
}

func hasSlavicEnding(key string) bool {
	for _, e := range slavicEndings {
		if strings.HasSuffix(key, e) {
			return true
		}
	}
	return false
}

// parenthesisedName reads the surname that FRUS headings put after an
// office ("the Ambassador in Vietnam (Durbrow)") and the signature line of a
// record ("(Martynov)"). Elsewhere a parenthesised word is too often
// something else.
func (r *recogniser) parenthesisedName(i int) int {
	if i+2 >= len(r.toks) || r.toks[i+2].key != ")" || r.covered[i+1] {
		return 0
	}
	sent := r.toks[i].sent
	alone := (i == 0 || r.toks[i-1].sent != sent) && (i+3 >= len(r.toks) || r.toks[i+3].sent != sent)
	if (sent < r.titleFirst || sent >= r.titleLast) && !alone {
		return 0
	}
	if !r.isNameWord(i+1) || r.toks[i+1].allCaps {
		return 0
	}
	if _, _, ok := r.kb.match(r.content, r.toks, i+1); ok {
		return 0 // the main loop takes it
	}
	r.add(candidate{first: i + 1, last: i + 2, typ: TypePerson, kb: -1, name: r.personName(i+1, i+2), rule: "parenthesis"})
	return 3
}

// personName normalises the tokens of a name: capitals of headings become
// title case, initials keep their periods and are spaced ("N. S. Khrushchev").
func (r *recogniser) personName(first, last int) string {
	var b strings.Builder
	for k := first; k < last; k++ {
		t := r.toks[k]
		if t.key == "." {
			b.WriteByte('.')
			continue
		}
		if t.key == "[" || t.key == "]" {
			continue // editors' completion: "C[hristian]" reads "Christian"
		}
		if k > first && (r.toks[k-1].key == "[" || r.toks[k-1].key == "]") && r.toks[k-1].end == t.start {
			b.WriteString(r.text(k))
			continue
		}
		if b.Len() > 0 && t.key != "-" && !(k > first && r.toks[k-1].key == "-" && r.toks[k-1].end == t.start) {
			b.WriteByte(' ')
		}
		w := r.text(k)
		if t.word && len([]rune(w)) > 1 {
			w = titleCase(w)
		}
		b.WriteString(w)
	}
	return b.String()
}

// findDefinitions collects abbreviations defined inline: "GKES [State
// Committee on Foreign Economic Relations]", and the reverse "International
// Cooperation Administration (ICA)" when the letters agree.
func (r *recogniser) findDefinitions() {
	r.local = map[string]localDef{}
	for i := 0; i+2 < len(r.toks); i++ {
		t := r.toks[i]
		if t.key == "[" && i > 0 && r.toks[i-1].word && r.toks[i-1].allCaps {
			abbr := r.text(i - 1)
			end := i + 1
			for end < len(r.toks) && r.toks[end].sent == t.sent && r.toks[end].key != "]" {
				end++
			}
			if end >= len(r.toks) || r.toks[end].key != "]" || end-i-1 < 2 || !r.toks[i+1].capital {
				continue
			}
			if _, _, ok := r.kb.match(r.content, r.toks, i-1); ok {
				continue
			}
			r.define(abbr, r.content[r.toks[i+1].start:r.toks[end-1].end])
		}
		if t.key == "(" && r.toks[i+1].word && r.toks[i+1].allCaps && r.toks[i+2].key == ")" {
			abbr := r.text(i + 1)
			if _, _, ok := r.kb.match(r.content, r.toks, i+1); ok {
				continue
			}
			// walk back over capitalised words and linking words whose
			// initials spell the abbreviation
			letters := []rune(strings.ToLower(abbr))
			k, li := i-1, len(letters)-1
			for k >= 0 && li >= 0 && r.toks[k].sent == t.sent && r.toks[k].word {
				w := []rune(r.toks[k].key)
				if r.toks[k].capital {
					if w[0] != letters[li] {
						break
					}
					li--
				} else if !notNameWords[r.toks[k].key] {
					break
				}
				k--
			}
			if li < 0 && k+1 < i {
				r.define(abbr, r.content[r.toks[k+1].start:r.toks[i-1].end])
			}
		}
	}
}

func (r *recogniser) define(abbr, expansion string) {
	typ := TypeOrganization
	if strings.Contains(expansion, "Party") {
		typ = TypeParty
	}
	r.local[abbr] = localDef{name: strings.Join(strings.Fields(expansion), " "), typ: typ}
}

// participantLines reads the list of people present that memoranda of
// conversation open with ("PARTICIPANTS" followed by one person a line,
// "Name, Office"). Group headings ("US", "Vietnam") and offices alone ("The
// Secretary") name nobody.
func (r *recogniser) participantLines() {
	for _, block := range participantBlocks(r.content, r.sents) {
		for s := block.first; s < block.last; s++ {
			r.participantLine(s)
		}
	}
}

func (r *recogniser) participantLine(s int) {
	i := firstTokenOf(r.toks, s)
	if i < 0 {
		return
	}
	if r.covered[i] {
		return // already recognised in the main pass
	}
	// step over titles: "The Honorable", "His Excellency", "Lieutenant General"
	for i < len(r.toks) && r.toks[i].sent == s && (titleWords[r.toks[i].key] || r.toks[i].key == ".") {
		i++
	}
	if i >= len(r.toks) || r.toks[i].sent != s || r.covered[i] {
		return
	}
	n, words, _ := r.nameRun(i)
	if words == 0 {
		return
	}
	end := i + n
	if end < len(r.toks) && r.toks[end].sent == s && r.toks[end].key != "," {
		return // more than a name before the comma: not a participant line
	}
	r.add(candidate{first: i, last: end, typ: TypePerson, kb: -1, name: r.personName(i, end), rule: "participants"})
}

// surnames marks further mentions of people named in full in the document
// under their short form alone: "Sokolov" after "L. I. Sokolov", "Huong"
// after "Tran Van Huong", "Kim" after "Kim Il Sung" (see shortFormOf). A
// short form that two people of the document share stays a rule-found
// surname, which the resolver gives to the nearest of them; one that only a
// person of the knowledge base has is that person.
func (r *recogniser) surnames() {
	const shared = -2
	owner := map[string]int{} // short form → knowledge-base entry, -1 or shared
	claim := func(key string, e int) {
		if prev, ok := owner[key]; ok && prev != e {
			e = shared
		}
		owner[key] = e
	}
	for _, c := range r.out {
		if c.typ != TypePerson || c.last-c.first < 2 || c.female {
			continue
		}
		if c.kb < 0 {
			claim(r.toks[c.last-1].key, -1)
			continue
		}
		if r.kb.hasOneWordAlias(c.kb) || femaleTitles[r.toks[c.first].key] {
			continue // the knowledge base says which short form stands alone
		}
		// the canonical name's short form and the one of the name as the
		// document spells it ("Chou" of "Chou En-lai", canonically Zhou Enlai)
		if key := shortFormOf(nameWords(r.kb.entries[c.kb].Name)); key != "" {
			claim(key, c.kb)
		}
		if key := shortFormOf(r.nameKeys(c.first, c.last)); key != "" {
			claim(key, c.kb)
		}
	}
	if len(owner) == 0 {
		return
	}
	for i, t := range r.toks {
		if r.covered[i] || !t.word || !t.capital {
			continue
		}
		e, ok := owner[t.key]
		if !ok || len(t.key) < 3 && (e < 0 || t.allCaps) {
			continue
		}
		if i > 0 && r.toks[i-1].key == "-" && r.toks[i-1].start == r.toks[i].start-1 {
			continue
		}
		if e >= 0 {
			r.add(candidate{first: i, last: i + 1, typ: TypePerson, kb: e, rule: "short form"})
			continue
		}
		r.add(candidate{first: i, last: i + 1, typ: TypePerson, kb: -1, name: r.personName(i, i+1), rule: "surname"})
	}
}

// Chinese and Korean family names, which come first in a name and are how
// a document goes on to name the person ("Kim" after "Kim Il Sung").
var eastAsianFamilyNames = setOf(`kim park pak choe choi lee rhee ri yi chang chung chong kang
yun yoon shin sin han cho jo zhou chou mao liu deng teng zhu chu chen ch'en peng p'eng lin
wang zhang yang huang hu kao gao sun sung li lo luo tung dong soong song chiang jiang wu`)

// shortFormOf is the word that stands for a person named in full earlier in
// a document: the personal name, last, of a Vietnamese name of the common
// shape ("Huong" of "Tran Van Huong"; not "Minh" of Ho Chi Minh), the family
// name, first, of a Chinese or Korean one ("Kim" of "Kim Il Sung"), else the
// surname, last. It is "" for a single word or a name of no clear shape.
func shortFormOf(words []string) string {
	switch {
	case len(words) < 2:
		return ""
	case vietnameseSurnames[words[0]]:
		if len(words) == 2 || len(words) == 3 && vietnameseMiddles[words[1]] {
			return words[len(words)-1]
		}
		return ""
	case eastAsianFamilyNames[words[0]] && len(words) <= 3 && !givenNames[words[0]]:
		return words[0]
	}
	return words[len(words)-1]
}

// nameKeys lists the words of the name in tokens [first, last) as
// nameWords would, leaving out the titles before it ("Premier").
func (r *recogniser) nameKeys(first, last int) []string {
	for first < last && (titleWords[r.toks[first].key] || r.toks[first].key == ".") {
		first++
	}
	var words []string
	for k := first; k < last; k++ {
		t := r.toks[k]
		if !t.word {
			continue
		}
		if k > first && r.toks[k-1].key == "-" && r.toks[k-1].end == t.start && len(words) > 0 {
			words[len(words)-1] += "-" + t.key // "En-lai"
			continue
		}
		words = append(words, t.key)
	}
	return words
}

func sortCandidates(cs []candidate) {
	// insertion sort: candidates arrive almost in order
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].first < cs[j-1].first; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

// firstTokenOf returns the index of the first token of sentence s, or -1.
func firstTokenOf(toks []token, s int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].sent < s {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(toks) && toks[lo].sent == s {
		return lo
	}
	return -1
}

// sentRange is a run of sentences [first, last).
type sentRange struct{ first, last int }

// participantBlocks finds the sentences listed under a "PARTICIPANTS" (or
// "Present:") heading, up to the "SUBJECT" heading or the first line that
// reads like prose.
func participantBlocks(content string, sents []span) []sentRange {
	var out []sentRange
	for s := 0; s < len(sents); s++ {
		head := strings.ToLower(strings.TrimRight(content[sents[s].start:sents[s].end], ": "))
		if head != "participants" && head != "present" && head != "persons present" {
			continue
		}
		b := sentRange{first: s + 1, last: s + 1}
		for b.last < len(sents) {
			line := content[sents[b.last].start:sents[b.last].end]
			lower := strings.ToLower(line)
			if strings.HasPrefix(lower, "subject") || len(line) > 160 ||
				(strings.HasSuffix(line, ".") && strings.Count(line, " ") > 12) {
				break
			}
			b.last++
		}
		out = append(out, b)
		s = b.last - 1
	}
	return out
}

// signature reads the sender's name that closes a telegram or letter on a
// line of its own ("Durbrow", "Howard Elting, Jr.").
func (r *recogniser) signature() {
	for s := len(r.sents) - 1; s >= 0 && s >= len(r.sents)-3; s-- {
		i := firstTokenOf(r.toks, s)
		if i < 0 || r.covered[i] || !r.toks[i].capital {
			continue
		}
		n, words, _ := r.nameRun(i)
		if words == 0 || n > 8 {
			continue
		}
		// only a suffix may follow: "Howard Elting, Jr."
		rest := i + n
		if rest+1 < len(r.toks) && r.toks[rest].sent == s && r.toks[rest].key == "," && nameSuffixes[r.toks[rest+1].key] {
			rest += 2
			if rest < len(r.toks) && r.toks[rest].key == "." {
				rest++
			}
		}
		if rest < len(r.toks) && r.toks[rest].sent == s {
			continue // more than a name: prose
		}
		if words == 1 && r.toks[i].allCaps {
			continue // "SECRET", "END"
		}
		r.add(candidate{first: i, last: i + n, typ: TypePerson, kb: -1, name: r.personName(i, i+n), rule: "signature"})
	}
}
