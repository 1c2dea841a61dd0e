"""Dutch. Keys are the English source texts exactly as passed to `t`; keep `{fields}`.

Dutch as written in the Netherlands and Suriname: short, informal-polite ("je"), and about
as long as the English so every line still fits 80 columns.
"""

NL: dict[str, str] = {
    # -- dates, countdowns, who did what (present.py) ------------------------------------
    "{n} day": "{n} dag",
    "{n} days": "{n} dagen",
    "launch tomorrow": "start morgen",
    "launch in {days}": "start over {days}",
    "launch day": "startdag",
    "day {n} after launch": "dag {n} na de start",
    "today": "vandaag",
    "tomorrow": "morgen",
    "yesterday": "gisteren",
    "in {days}": "over {days}",
    "{days} ago": "{days} geleden",
    "OVERDUE since {when}": "ACHTERSTALLIG sinds {when}",
    "due today": "deadline vandaag",
    "due {when}": "deadline {when}",
    "(entered late)": "(later ingevoerd)",
    "launch {date}": "start {date}",
    "Before phase 1/{total} · {name} starts on launch day": (
        "Vóór fase 1/{total} · {name} begint op de startdag"
    ),
    "Rollout complete ({total} phases) · post-rollout reviews": (
        "Uitrol klaar ({total} fasen) · evaluatie na de uitrol"
    ),
    "Phase {number}/{total} {name} · day {day} of {length}": (
        "Fase {number}/{total} {name} · dag {day} van {length}"
    ),
    "next: {name} in {days}": "volgende: {name} over {days}",
    "! {n} overdue": "! {n} achterstallig",
    "{n} overdue": "{n} achterstallig",
    "Today: {due} due · {overdue}": "Vandaag: {due} te doen · {overdue}",
    "critical": "kritiek",
    "major": "groot",
    "minor": "klein",
    "open": "open",
    "workaround": "workaround",
    "resolved": "opgelost",
    "1 self": "1 zelf",
    "2 chmp": "2 amb",
    "3 IT": "3 IT",
    "4 vnd": "4 lev",
    "now": "nu",
    "Issues ▲ {critical} {critical_word}  ● {major} major  ○ {minor} minor": (
        "Meldingen ▲ {critical} {critical_word}  ● {major} groot  ○ {minor} klein"
    ),
    "GO": "DOOR",
    "WATCH": "LET OP",
    "PAUSE": "PAUZE",
    "ROLLBACK": "TERUGDRAAIEN",
    "HELD": "AANGEHOUDEN",
    "GATE": "POORT",
    "no figure": "geen cijfer",
    "needs {threshold}": "vereist {threshold}",
    "{days} left": "nog {days}",
    "passed {days} ago": "{days} geleden verstreken",
    "by {date} ({when})": "uiterlijk {date} ({when})",
    "(advisory)": "(advies)",
    # -- the app: keys, language, command palette (app.py, widgets/translated.py) --------
    "Quit": "Stop",
    "Help": "Hulp",
    "Language": "Taal",
    "Language: {name}": "Taal: {name}",
    "Switch between English and Dutch (ctrl+l)": "Wissel tussen Engels en Nederlands (ctrl+l)",
    "Search for commands…": "Zoek een opdracht…",
    "Theme": "Thema",
    "Change the current theme": "Kies een ander thema",
    "Quit the application as soon as possible": "Sluit de app zo snel mogelijk af",
    "Keys": "Toetsen",
    "Hide the keys and widget help panel": "Verberg het paneel met toetsen en hulp",
    "Show help for the focused widget and a summary of available keys": (
        "Toon hulp bij het actieve onderdeel en een overzicht van de toetsen"
    ),
    "Minimize": "Verkleinen",
    "Minimize the widget and restore to normal size": "Zet het onderdeel terug op normale grootte",
    "Maximize": "Maximaliseren",
    "Maximize the focused widget": "Maximaliseer het actieve onderdeel",
    "Screenshot": "Schermafdruk",
    "Save an SVG 'screenshot' of the current screen": (
        "Bewaar een schermafdruk (SVG) van dit scherm"
    ),
    "palette": "palet",
    "Open the command palette": "Open het opdrachtenpalet",
    "Up": "Omhoog",
    "Down": "Omlaag",
    "Page up": "Pagina omhoog",
    "Page down": "Pagina omlaag",
    "First": "Eerste",
    "Last": "Laatste",
    # -- status panel and checklists -----------------------------------------------------
    "Loading the rollout…": "Uitrol laden…",
    "Note": "Noteer",
    "Skip": "Sla over",
    "Undo": "Herstel",
    "Filter": "Filter",
    "Clear filter": "Filter wissen",
    "Tick": "Vink",
    "Fold": "In-/uitklappen",
    "Collapse": "Inklappen",
    "Expand": "Uitklappen",
    "filter: text, key, owner, person": "filter: tekst, code, eigenaar, persoon",
    "Move to an item first to add a note to it": (
        "Kies eerst een punt om er een notitie bij te zetten"
    ),
    "Tick with a note: {item}": "Afvinken met notitie: {item}",
    "Add a note: {item}": "Notitie toevoegen: {item}",
    "Skip as not applicable: {item}": "Overslaan, niet van toepassing: {item}",
    "note": "notitie",
    "reason": "reden",
    "Note saved on {key}": "Notitie opgeslagen bij {key}",
    "Skipped {key}": "{key} overgeslagen",
    "Nothing of yours to undo": "Niets van jou om ongedaan te maken",
    "tick": "afvinken",
    "untick": "uitvinken",
    "skip": "overslaan",
    "Undid your {action} of {key}": "Ongedaan gemaakt: {action} van {key}",
    "overdue": "achterstallig",
    "{n} skipped": "{n} overgeslagen",
    'skipped by {name}: "{note}"': 'overgeslagen door {name}: "{note}"',
    # -- gate ----------------------------------------------------------------------------
    "hold": "aanhouden",
    "go": "doorgaan",
    'Override: {kind} by {name} on {date} — "{reason}"   (l lifts it)': (
        'Overruling ({kind}) door {name} op {date} — "{reason}"   (l heft op)'
    ),
    "By the rules alone the gate would be {state}.": (
        "Volgens alleen de regels zou de poort op {state} staan."
    ),
    "Criteria": "Criteria",
    "Trend by week (active use 0-100% · satisfaction 0-10)": (
        "Trend per week (actief gebruik 0-100% · tevredenheid 0-10)"
    ),
    "no figures yet": "nog geen cijfers",
    "active {active} {active_last}   sat {sat} {sat_last}": (
        "actief {active} {active_last}   tevr {sat} {sat_last}"
    ),
    "Phases": "Fasen",
    "days {start} to {end}": "dagen {start} t/m {end}",
    "Figures": "Cijfers",
    "Hold": "Houd aan",
    "Go anyway": "Toch door",
    "Lift": "Hef op",
    "Hold the rollout: why?": "Uitrol aanhouden: waarom?",
    "Go despite the gate: why?": "Toch door, ondanks de poort: waarom?",
    "Override lifted: the gate follows the rules again": (
        "Overruling opgeheven: de poort volgt weer de regels"
    ),
    "Rollout held": "Uitrol aangehouden",
    "Gate set to go by override": "Poort met overruling op DOOR gezet",
    "Record adoption figures (blank = not measured)": (
        "Adoptiecijfers invoeren (leeg = niet gemeten)"
    ),
    "group": "groep",
    "date": "datum",
    "-100 to 100": "-100 tot 100",
    "a count": "een aantal",
    "Figures for phase {phase} on {date} saved": "Cijfers voor fase {phase} op {date} opgeslagen",
    "Edit a phase": "Fase bewerken",
    "phase": "fase",
    "name": "naam",
    "% of the team": "% van het team",
    "first day (days from launch)": "eerste dag (dagen na start)",
    "last day (days from launch)": "laatste dag (dagen na start)",
    "why the plan changes": "waarom het plan verandert",
    "share, first day and last day are whole numbers": (
        "aandeel, eerste en laatste dag zijn hele getallen"
    ),
    "Phase {number} saved": "Fase {number} opgeslagen",
    # -- issues --------------------------------------------------------------------------
    "severity": "ernst",
    "tier": "lijn",
    "status": "status",
    "age": "duur",
    "who": "wie",
    "title": "titel",
    "New": "Nieuw",
    "Open": "Open",
    "Escalate": "Escaleer",
    "Workaround": "Workaround",
    "Resolve/reopen": "Los op/heropen",
    "Export": "Export",
    "Status": "Status",
    "Severity": "Ernst",
    "Tier": "Lijn",
    "Sort": "Sorteren",
    "Clear filters": "Filters wissen",
    "filter issues by text": "filter meldingen op tekst",
    "{count} issue": "{count} melding",
    "{count} issues": "{count} meldingen",
    "unresolved": "onopgelost",
    "any status": "elke status",
    "any severity": "elke ernst",
    "tier {n}": "lijn {n}",
    "any tier": "elke lijn",
    "triage": "triage",
    "newest": "nieuwste",
    "number": "nummer",
    "#{id} escalated to tier {tier} ({name})": "#{id} geëscaleerd naar lijn {tier} ({name})",
    "Workaround for #{id}": "Workaround voor #{id}",
    "how people get around it": "hoe men het probleem omzeilt",
    "Workaround recorded on #{id}": "Workaround vastgelegd bij #{id}",
    "#{id} reopened": "#{id} heropend",
    "#{id} resolved": "#{id} opgelost",
    "Resolve #{id}: how was it fixed? (enter to skip)": (
        "#{id} oplossen: hoe is het verholpen? (enter slaat over)"
    ),
    "resolution": "oplossing",
    "Close": "Sluit",
    "Edit": "Bewerk",
    "reported": "gemeld",
    "logged in": "gemeld in",
    "phase {n}": "fase {n}",
    "location": "locatie",
    "assignee": "toegewezen",
    "detail:": "details:",
    "workaround:": "workaround:",
    "resolution:": "oplossing:",
    "timeline:": "tijdlijn:",
    "Save": "Opslaan",
    "Cancel": "Annuleren",
    "Log an issue": "Melding maken",
    "Edit issue #{id}": "Melding #{id} bewerken",
    "Title": "Titel",
    "what goes wrong, in a line": "wat gaat er mis, in één regel",
    "the title must not be empty": "de titel mag niet leeg zijn",
    "The title must not be empty.": "De titel mag niet leeg zijn.",
    "tier {n}: {name}": "lijn {n}: {name}",
    "Detail": "Details",
    "Save (ctrl+s)": "Opslaan (ctrl+s)",
    "Cancel (esc)": "Annuleren (esc)",
    "Issue #{id} logged ({severity})": "Melding #{id} gemaakt ({severity})",
    "Issue #{id} saved": "Melding #{id} opgeslagen",
    "Export the issue log": "Meldingenlog exporteren",
    "enter write · escape cancel": "enter schrijven · escape annuleren",
    "Wrote {n} issue to {path}": "{n} melding geschreven naar {path}",
    "Wrote {n} issues to {path}": "{n} meldingen geschreven naar {path}",
    # -- dialogs and first run -----------------------------------------------------------
    "enter save · escape cancel": "enter opslaan · escape annuleren",
    "ctrl+s save · escape cancel": "ctrl+s opslaan · escape annuleren",
    "Sample rollout": "Voorbeeld",
    "No rollout in this database yet. Set one up:": (
        "Nog geen uitrol in deze database. Maak er een aan:"
    ),
    "Tool being rolled out": "Tool die wordt uitgerold",
    "e.g. Acme CRM": "bijv. Acme CRM",
    "name the tool": "noem de tool",
    "Launch date (YYYY-MM-DD)": "Startdatum (JJJJ-MM-DD)",
    "a date like 2026-12-01": "een datum zoals 2026-12-01",
    "Timeline": "Planning",
    "Create rollout": "Uitrol aanmaken",
    "Open the sample rollout": "Voorbeelduitrol openen",
    "Name the tool being rolled out.": "Geef de naam van de tool die je uitrolt.",
    "The launch date must be a date like 2026-12-01.": (
        "De startdatum moet een datum zijn zoals 2026-12-01."
    ),
    "Rollout ready": "Uitrol klaar",
    # -- fixed domain words the TUI shows (widgets/translated.py) -------------------------
    "self-service": "zelfhulp",
    "internal champion": "interne ambassadeur",
    "IT/admin": "IT/beheer",
    "vendor": "leverancier",
    "document a workaround and continue": "leg een workaround vast en ga door",
    "pause the rollout, fix, resume": "pauzeer de uitrol, los op, ga verder",
    "roll back to the old system if possible": "terug naar het oude systeem als dat kan",
    "% with accounts": "% met een account",
    "% active weekly (active use)": "% wekelijks actief (gebruik)",
    "% active daily": "% dagelijks actief",
    "% completing key workflows": "% dat kernprocessen afrondt",
    "% still on the old system": "% nog op het oude systeem",
    "satisfaction, 0-10 average": "tevredenheid, gemiddeld 0-10",
    "NPS, -100 to 100": "NPS, -100 tot 100",
    "support tickets this week": "supporttickets deze week",
    "% training completed": "% training afgerond",
    # -- tabs, main-screen keys, command palette, help (main.py, view_tabs.py, commands.py, help.py)
    "Checklists": "Checklists",
    "Issues": "Meldingen",
    "Gate": "Poort",
    "Retro": "Retro",
    "Quick note": "Snelle notitie",
    "Show the checklists": "Toon de checklists",
    "the timed checklists by window": "de checklists met deadlines, per periode",
    "Show the issues": "Toon de meldingen",
    "the issue log": "het meldingenlog",
    "Show the gate": "Toon de poort",
    "criteria, trend and phases": "criteria, trend en fasen",
    "Undo my last change": "Mijn laatste wijziging ongedaan maken",
    "your latest tick, untick or skip": "je laatste afvinken, uitvinken of overslaan",
    "Filter the checklists": "Filter de checklists",
    "by text, key, owner or person": "op tekst, code, eigenaar of persoon",
    "Log a new issue": "Nieuwe melding maken",
    "title, severity, tier, detail": "titel, ernst, lijn, details",
    "Export issues": "Meldingen exporteren",
    "csv, json or markdown to a file": "csv, json of markdown naar een bestand",
    "Record adoption figures": "Adoptiecijfers invoeren",
    "active use, satisfaction, NPS…": "actief gebruik, tevredenheid, NPS…",
    "Hold the rollout": "Uitrol aanhouden",
    "an override with a reason": "een overruling met een reden",
    "Go despite the gate": "Toch door, ondanks de poort",
    "Lift the override": "Overruling opheffen",
    "the gate follows the rules again": "de poort volgt weer de regels",
    "name, group, share, days": "naam, groep, aandeel, dagen",
    "Show the retrospective": "Toon de retrospectieve",
    "notes by kind": "notities per soort",
    "Write a retrospective note": "Retrospectieve notitie schrijven",
    "went well, lesson, thanks, next step": "ging goed, les, dank, volgende stap",
    "Review the notes of a phase": "Notities van een fase doorlopen",
    "one at a time, for the meeting": "een voor een, voor het overleg",
    "Export the rollout report": "Uitrolrapport exporteren",
    "markdown, json or csv": "markdown, json of csv",
    "Draft the announcement": "Aankondiging opstellen",
    "two weeks ahead, from the rollout's data": "twee weken vooraf, uit de gegevens van de uitrol",
    "Draft the weekly update": "Weekupdate opstellen",
    "progress, figures, resolved issues": "voortgang, cijfers, opgeloste meldingen",
    # The whole help page is one text: same layout, each line within 64 columns.
    """\
Anywhere   c i g r tabs · ctrl+n note · ? help · q quit
           ctrl+p palette · ctrl+l English / Nederlands

Checklists
  space  tick or untick        n  tick with a note / add a note
  -      skip, with a reason   u  undo your own latest change
  /      filter (esc clears)   enter, left, right  fold a window

Issues
  n      log a new issue       enter  open it with its timeline
  +      escalate a tier       w      record a workaround
  x      resolve or reopen     e      export csv, json or md
  /      filter by text        f v t  status, severity, tier filter
  o      change the order      esc    clear the filters

Gate (g)
  n      record figures        p      edit a phase
  h      hold the rollout      o      go despite the gate
  l      lift the override

Retro (r) · ctrl+n writes a quick note from anywhere
  n      write a note          enter  edit it
  v      review a phase        e      export the report
  a      announcement draft    w      weekly update draft
  f p /  kind, phase, text filter

Marks
  [x] done   [ ] open   [-] skipped   !  overdue   › highlighted
  ▲ CRITICAL   ● major   ○ minor
  ✓ GO   ◐ WATCH   ‖ PAUSE / HELD   ✖ ROLLBACK

Colleagues' changes from other sessions appear within a second.
escape closes this help.""": """\
Overal     c i g r tabbladen · ctrl+n notitie · ? hulp · q stop
           ctrl+p palet · ctrl+l English / Nederlands

Checklists
  space  vinkje aan of uit     n  afvinken met notitie / notitie
  -      overslaan, met reden  u  je laatste wijziging terug
  /      filter (esc wist)     enter, links, rechts  vouwen

Meldingen
  n      nieuwe melding        enter  openen met de tijdlijn
  +      een lijn hoger        w      workaround vastleggen
  x      oplossen/heropenen    e      export csv, json of md
  /      filter op tekst       f v t  filter status, ernst, lijn
  o      andere volgorde       esc    filters wissen

Poort (g)
  n      cijfers invoeren      p      fase bewerken
  h      uitrol aanhouden      o      toch door
  l      overruling opheffen

Retro (r) · ctrl+n schrijft overal een snelle notitie
  n      notitie schrijven     enter  bewerken
  v      fase doorlopen        e      rapport exporteren
  a      concept aankondiging  w      concept weekupdate
  f p /  filter op soort, fase, tekst

Tekens
  [x] klaar  [ ] open  [-] overgeslagen  ! te laat  › gekozen
  ▲ KRITIEK   ● groot   ○ klein
  ✓ DOOR   ◐ LET OP   ‖ PAUZE / AANGEHOUDEN   ✖ TERUGDRAAIEN

Wijzigingen van collega's elders zie je binnen een seconde.
escape sluit deze hulp.""",
    # -- retro tab and screens
    "Save to file": "Opslaan in bestand",
    "Filling in from the rollout's data…": "Invullen met de gegevens van de uitrol…",
    "Missing facts: {facts}; add them with `launchtui comms set`.": "Ontbrekende gegevens: {facts}; vul ze aan met `launchtui comms set`.",
    "Wrote {path}": "{path} geschreven",
    "A retrospective note": "Een notitie voor de terugblik",
    "Edit note #{n}": "Notitie #{n} bewerken",
    "Write something first.": "Schrijf eerst iets.",
    "Note #{n} saved": "Notitie #{n} opgeslagen",
    "Kind": "Soort",
    "one line; enter saves": "één regel; enter slaat op",
    "tab changes the kind · escape cancels": "tab wisselt de soort · escape annuleert",
    "Note: {kind}": "Notitie: {kind}",
    "Next": "Volgende",
    "Back": "Terug",
    "Done": "Klaar",
    "every phase": "elke fase",
    "Review of {scope} · note {i} of {total} · {kind}": "Terugblik op {scope} · notitie {i} van {total} · {kind}",
    "→ next · ← back · escape done": "→ volgende · ← terug · escape klaar",
    "before launch": "voor de start",
    "edited": "bewerkt",
    "No notes to review yet": "Nog geen notities om door te nemen",
    "New note": "Notitie",
    "Review": "Terugblik",
    "Report": "Rapport",
    "Announcement": "Aankondiging",
    "Weekly update": "Weekbericht",
    "Phase": "Fase",
    "filter notes by text": "filter notities op tekst",
    "{n} note": "{n} notitie",
    "{n} notes": "{n} notities",
    "every kind": "elke soort",
    "v review · a announcement · w weekly update": "v terugblik · a aankondiging · w weekbericht",
    "Wrote the report with {n} note to {path}": "Rapport met {n} notitie geschreven naar {path}",
    "Wrote the report with {n} notes to {path}": "Rapport met {n} notities geschreven naar {path}",
}
