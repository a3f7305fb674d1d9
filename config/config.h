/*
 * config.h - the configuration model of aftersales and its YAML loader.
 *
 * cfg_load() reads one YAML file (which may `include:` another as its base)
 * into an immutable struct cfg.  Every reference in the model is resolved
 * to a pointer or an index at load time, so users of the model never look
 * names up by string more than once.  Only config/ includes <yaml.h>.
 *
 * The YAML schema (see config/aftersales.yaml for the full example):
 *
 *   include: aftersales.yaml     # optional: load that file (relative to this
 *                                # one) first, then overlay this file on it
 *   timezone: Asia/Shanghai
 *   allow_user_override: false
 *   targets:                     # KPI targets, percent
 *     timeliness:     {label: {zh: 服务及时率, en: Timeliness}, min: 90}
 *     complaint_rate: {label: {...}, max: 3}
 *   (how each figure is measured: see "KPI figures" below)
 *   roles:
 *     branch_manager: {zh: 销售分公司经理, en: Branch manager}
 *   users:
 *     zhangwei: {name: 张伟, roles: [branch_manager]}
 *   codes:
 *     category:
 *       quality: {zh: 质量问题, en: Quality}
 *   records:
 *     complaint:
 *       label: {zh: 客户投诉, en: Complaint}
 *       prefix: C                 # numbers look like C2026-000123
 *       fields:
 *         customer_name: {type: text, required: true, label: {zh: .., en: ..}}
 *         category: {type: enum, codes: category, label: {...}}
 *         owner: {type: reference, ref: user, label: {...}}
 *       states:
 *         registered: {label: {...}, initial: true}
 *         closed: {label: {...}, terminal: true}
 *       transitions:
 *         accept:
 *           label: {zh: 受理, en: Accept}
 *           key: a
 *           from: [registered]
 *           to: accepted
 *           roles: [branch_manager]
 *           requires: [category, owner]
 *           guards: [some_named_guard]  # costs_entered: some cost
 *                                 # recorded (R1 §5.2); links_closed: every
 *                                 # record linked to this one, either way,
 *                                 # is in a terminal state
 *           when: {category: [quality, other], distance_km: {max: 100}}
 *           by: owner             # only the user named in field owner
 *                                 # (ref: user) or a manager
 *           context: [description, cause]  # shown read-only above the
 *                                 # form's inputs; money fields totalled
 *         to_workorder:         # a step that creates a linked record
 *           from: [accepted]
 *           to: dispatched
 *           roles: [branch_manager]
 *           creates:
 *             type: workorder     # the record type to create
 *             link: complaint     # its field (type: reference,
 *                                 # ref: complaint) set to this number
 *             back: workorder     # optional: this record's field (ref:
 *                                 # workorder) set to the new number
 *             copy: {customer_name: customer_name, site: address}
 *                                 # new record's field: this one's field
 *             per_line: parts_replaced  # optional: one record per line
 *             line_copy: {part: part}   # new record's field: column
 *         dispute:
 *           from: [accepted, rejected]
 *           reopens: true         # may leave a terminal state (rejected)
 *           exception: true       # no work waiting: in no queue, listed
 *           ...                   # last in what a record waits for
 *       managers: [branch_manager]  # roles that may take any by: step
 *       warn_duplicate: [serial]  # a new record equal to an open one in
 *                                 # these fields: warned (new: --force)
 *       create:                   # who may create one, and the fields
 *         - roles: [admin, engineer]  # each role may set then
 *           fields: [customer_name, phone, description]
 *       edits:                    # field edits outside transitions
 *         - states: [registered, accepted]
 *           roles: [admin]
 *           fields: [phone, address]
 *           by: owner             # optional, as for a transition
 *       clocks:                   # SLA clocks (deadlines), optional
 *         response:               # id: letters, digits, _
 *           label: {zh: 响应时限, en: Response due}
 *           start: create         # or transitions and/or {field: F}
 *           stop: [reject, {field: answered_at}]  # the same
 *           pause: [disputed]     # states where it does not count
 *           timeliness: true      # counts in the KPI (the default)
 *           rules:                # first match wins; none: no clock
 *             - when: {fault_class: body, distance_km: {max: 100},
 *                      supplier: {set: false}}
 *               hours: 24         # a number > 0
 *               clause: R2 §3.2.2 # shown with the deadline
 *             - hours: 24         # no when: matches every record
 *
 *   units:                       # organisational units (R1 §8.1)
 *     company: {label: {zh: 机械公司, en: Company}}
 *     branch:  {label: {...}, parent: company}   # a tree: no cycles
 *   users:                       # a user belongs to units; the first is
 *     lina: {name: 李娜, roles: [engineer], units: [zhengzhou]}  # default
 *   records:
 *     complaint:
 *       unit_field: unit          # the record's unit: a field of type unit
 *       fields:
 *         unit: {type: unit, label: {...}}
 *       states:
 *         signed: {label: {...}, freeze: [signature, signed_at]}
 *         archived: {label: {...}, freeze: all}
 *       transitions:
 *         dispatch: {..., scope: unit}
 *       edits:
 *         - {states: [...], roles: [...], fields: [...], scope: unit}
 *       lookups:                  # what status and the workstation's /
 *         phone: digits_tail      # find a record by, in this order (after
 *         serial: exact           # its number): field: kind, see below
 *         customer_name: prefix
 *       sorts:                    # orders besides number, state and due:
 *         customer: customer_name # sort id: field (list --sort customer)
 *       columns:                  # the workstation's list pane, in order
 *         - {show: number}        # number, state, age or due (built in)
 *         - {field: customer_name, or: customer_org, share: 55}
 *         - {field: phone, width: 13, wide: 40}
 *         - {field: owner, label: {zh: 负责人, en: Owner}}
 *       list:                     # the command line's list and status
 *         - {show: number, width: 12}
 *         - {field: customer_name, width: 12, name: customer}
 *         - {show: waits}         # also: who the record waits for
 *       view: mine                # the workstation's first view: mine,
 *                                 # overdue, open, closed, all, role or a state
 *
 *   maintenance:                 # who may run each maintenance command
 *     reindex: [admin]           # (reindex, backup, demo, import)
 *     backup: [admin]
 *
 * create: lists who may create records of the type (the command line's
 * new and import, the workstation's new form) and which fields each role
 * may fill in then (a user may fill in the fields of every entry that
 * names one of their roles); every other field is set later, by the steps
 * and edits.
 * A role must be able to set every required field, or it could never
 * create one: the loader refuses that.  A record type without create: (or
 * with an empty one) cannot be created from the program by anybody.
 * Likewise a maintenance command that maintenance: does not name (or no
 * maintenance: at all) may be run by nobody.
 *
 * required: true means the field is given when the record is created and
 * can never be emptied or set to blank afterwards (edits, transitions).
 * Value limits of a field (each optional):
 *   min: / max:  int and money fields only: the smallest and largest value
 *                allowed, a whole number for int, an amount in yuan (up
 *                to 2 decimals, e.g. 0 or 99999.50) for money; min <= max.
 *                An int field without them takes any 64-bit number; a
 *                money field defaults to min: 0 and max: 100000000 (yuan).
 *   maxlen:      text and multiline fields only: the most characters (not
 *                bytes) a value may have, a whole number >= 1; default 200
 *                for text, 2000 for multiline.
 *   pattern:     text fields only: a POSIX extended regular expression
 *                (regex.h) the whole value must match (it is anchored at
 *                both ends), either alone (pattern: '[0-9]+') or with the
 *                description a refusal shows:
 *                  pattern: {regex: '...', zh: 手机或固定电话, en: a phone}
 *                A pattern that does not compile is a load error.
 *   hint:        {zh: .., en: ..}: what the field expects, shown in the
 *                empty input of a form (手机 11 位或区号-电话).
 * Line items (type: lines): a table of typed columns, such as the parts
 * taken on a service call:
 *   parts_taken:
 *     type: lines
 *     label: {zh: 领用配件, en: Parts taken}
 *     required: true            # at least one line
 *     columns:                  # id: letters, digits, _
 *       part: {type: text, required: true, label: {...}}  # in every line
 *       quantity: {type: int, min: 1}
 *       unit_cost: {type: money}
 *       reason: {type: text, maxlen: 60}
 * A column takes the keys and the value checks of a field (type,
 * required, label, codes, ref: user, min, max, maxlen, pattern); it may
 * not be lines or multiline, nor reference a record.  The stored value
 * of a lines field is canonical JSON: an array of one object per line,
 * keys in the order of columns:, each value a string in its column's
 * stored form (an int "2", money in fen "12050"), an empty cell left
 * out, a line with no cell at all dropped; no line at all is "" (unset).
 * It is typed (command line, import) as a JSON array of objects whose
 * values are strings or numbers (see core_parse_value).
 *
 * Every value, whatever its field, is refused if it holds a control
 * character (C0 but TAB and, in multiline, LF; DEL; C1) or invalid UTF-8;
 * a value of nothing but white space (see utf8_blank) counts as empty.
 *
 * A terminal state has no outgoing transitions, except those marked
 * reopens: true (a customer disputing a rejection, R1 §7.3); reopens: on a
 * transition that leaves no terminal state is an error.  roles: always
 * applies; by: narrows it to the user the field names and the managers.
 *
 * exception: true marks a transition that is not the work a record waits
 * for but a path taken when something goes wrong (a dispute, R1 §7.3;
 * sending a result back for rework, R1 §7.2); reopens: true implies it.
 * Queues: a record is in a user's queue ("my queue") when a transition
 * that is no exception is open to them, and in order: first the records
 * whose step belongs to them (its by: field names them), then the
 * records nobody holds (a step without by:, or whose by: field is empty)
 * that their role may take.  A record whose by: field names someone else
 * is in that user's queue, not in a manager's, though the manager may
 * act for them: the manager sees it under "my role", which lists every
 * record a transition that is no exception of one of the user's roles
 * leaves (by: aside).  What a record waits for lists the transitions in
 * their order in the file, exceptions last, and names the user a by:
 * field holds.
 *
 * A reference field names a user (ref: user; the value is a login) or a
 * record of a type (ref: complaint; the value is its number, which may be
 * typed in any case and without the leading zeros: c2026-12).  A record
 * reference is checked in the write transaction that sets it: the record
 * must exist and be of that type.  Links are indexed both ways.
 *
 * creates: on a transition makes the step create a record of another (or
 * the same) type in the same write transaction: the next number of that
 * type, its create event, its indexes and clocks, its link: field set to
 * the step's record, copy: fields copied (text and multiline into each
 * other, otherwise the same type, an enum of the same code list, a
 * reference of the same ref:), and, with back:, the step's record's field
 * set to the new number.  The new record's values are checked as a
 * created record's are (required fields, limits, patterns); if any check
 * fails neither record is written.  The step's roles: govern: the new
 * type's create: does not apply.  link: and back: must be reference
 * fields to the other type; copy: may not set the link: field.
 *
 * Field ids starting with "_" are reserved: the program keeps the state of
 * the clocks in such fields of the record (see core.h).
 *
 * The condition language.  Every when: (a transition's, a clock rule's)
 * is a mapping of field ids to tests, all of which must hold:
 *   field: VALUE           equals: a code of an enum field, a whole number
 *                          (int), an amount in yuan (money), YYYY-MM-DD
 *                          (date) or YYYY-MM-DD HH:MM (datetime, in the
 *                          configured zone), any text otherwise
 *   field: [V1, V2, ...]   in the list (each value as for equals)
 *   field: {min: N, max: M}  int, money, date and datetime fields only:
 *                          the value is at least N / at most M (either
 *                          or both; values written as for equals)
 *   field: {set: true}     the field has a value; {set: false}: it has
 *                          none.  set: may stand beside min: and max:.
 * An unset or blank field matches only {set: false}.  A transition whose
 * when: does not hold is not offered; a clock rule whose when: does not
 * hold is skipped.  core_cond_holds (core.h) is the one evaluator.
 *
 * A datetime field may have default: now: a record created without it
 * gets the time of its creation.
 *
 * A clock's start: is create, or a list of transitions and at most one
 * {field: F} (alone, the braces suffice: start: {field: received_at}); F
 * is a datetime field, and once it has a value the clock starts at the
 * time it holds (not at the write that set it; correcting F moves the
 * start while the clock runs).  stop: likewise: a list of transitions
 * and at most one {field: F}, which stops the clock at F's time.
 * pause: [states] stops the clock from counting while the record is in
 * one of those states: its due moves later by the time spent there.
 * timeliness: false keeps a clock out of the timeliness figure (R2
 * §3.2.1); by default a stopped clock counts.
 *
 * Units (R1 §8.1, R2 §3.7.6).  units: is a tree of organisational units
 * (company > branch > field offices, service stations, central store);
 * each user belongs to the units its units: lists.  A record type's
 * unit_field: names a field of type unit: the record's unit.  It is set
 * at creation to the unit the input names, which must be within the
 * creating user's units, or else to the user's first unit.  scope: unit
 * on a transition or an edit rule limits it (besides roles: and by:) to
 * records within the user's units, a unit including its sub-units; a
 * record without a unit is within the units of a user of a top unit
 * only.  A type with scope: unit anywhere needs a unit_field:.  The
 * command line's list --mine and --units and the workstation's queue
 * show only records within the user's units (when the type has a unit).
 *
 * freeze: on a state, a list of fields or `all`: once a record has entered
 * the state, no edit or step may change those fields (or any field) again,
 * whatever state it moves on to (R2 §3.3.2: a signed service report is not
 * altered).  The engine keeps the frozen fields in the record's reserved
 * field _frozen, written with the step that enters the state.
 * seal: FIELD beside a freeze: list: a text field that the step entering
 * the state sets to a code of the record's number and the values of the
 * frozen fields ("539A-4D0A": 32 bits of SHA-256), the sign code of a
 * signed service report; verify computes it again and reports a record
 * whose fields no longer give it.
 *
 * More keys of a transition:
 *   stay: true             instead of to: the record keeps its state (a
 *                          step that only creates a linked record, from
 *                          several states); such a step is an option,
 *                          left out of wf_pending and wf_in_queue
 *   requires_when:         fields required only when a condition holds:
 *     - when: {team: {min: 2}}   # the condition language
 *       fields: [lead]
 * In a when:, min: and max: on a lines field count its lines.
 *
 * groups: of a record type, the sections of its paper form, in order:
 *   groups:
 *     trip: {label: {zh: 出发准备, en: Trip}, clause: R2 §3.4.1}
 * and group: ID on a field puts it in one; show and the detail view head
 * each run of fields of a group with its label and clause.
 *
 * Declarations of a record type (lookups, sorts, columns, list, view);
 * the program names no field of a type, it reads them from here:
 *   lookups: kinds: exact (a code: ASCII letters upper-cased, spaces, tabs
 *            and dashes dropped, the whole value), prefix (the start of
 *            the value as stored), suffix (the end of the value, as a code),
 *            digits_tail (the digits only: a query of at least 4 digits
 *            finds the values whose digits end with them; for phones),
 *            serial (a code, as exact: the whole code, its start, or
 *            its last 6 characters or more; for product serials).
 *            Without lookups: a record is found by its number alone.
 *   sorts:   each id names a field; a record without a value sorts first.
 *            A field with an exact lookup sorts by that code, any other by
 *            the value as stored.  number, state and due are built in and
 *            may not be declared.
 *   columns: and list: entries are {field: F} or {show: B}, B one of
 *            number, state, age, due (and, in list: only, waits), each
 *            with optional width: (characters), label: {zh, en} (the
 *            heading; default the field's label), or: (another field shown
 *            when F is empty).  columns: only: share: (percent of the width
 *            left by the fixed columns; a column without width: or share:
 *            fits its longest value: code label, user name, at most 14),
 *            wide: (shown only when that many characters are left for the
 *            share: columns).  list: only: name: (its key in --format json;
 *            default the field id).  Without columns: or list: a type shows
 *            its number, state, age and due.
 *   view:    the view the workstation opens the type's tab in (default
 *            mine).
 * The lookups and sorts are secondary indexes: after changing them run
 * `aftersales reindex` once (verify reports the missing keys).
 *
 * Computed fields.  A field of type warranty or score is never typed:
 * the engine computes it in the write transaction of every create, step
 * or edit that changes what it reads (or creates the record), stores it
 * and records the change in the history event, so show, list, export,
 * verify and the history see it like any other value; no input, create:,
 * edits: or copy: may set it, and a frozen one stays as it is; a
 * transition's requires: may name it (the step waits until it has a
 * value) and a when: may test it.
 *   warranty:                   # the warranty check (三包, R2 §3.3.1)
 *     type: warranty
 *     check: {serial: serial, date: received_at, km: mileage_km,
 *             hours: running_hours, component: component}
 * check: names fields of the same record: serial (text, required) is
 * looked up in the product register; date (date or datetime) is when
 * the check is made as of (the time of the write when unset or not
 * named); km and hours (int) are what was seen on the vehicle; component
 * (text or enum) is the failed part, whose supplier the check names.  The
 * register and the policies are top-level:
 *   warranty:
 *     register: product          # the record type of the products
 *     serial: serial             # its field, with an exact lookup
 *     model: model               # text: the model, matched to policies
 *     delivered: delivered_on    # date: the warranty starts then
 *     parts: {field: supplier_parts, component: component,
 *             supplier: supplier}  # optional lines field and columns
 *     policies:                  # per model family, first match wins
 *       coach:
 *         label: {zh: 客车, en: Coaches}
 *         models: [ZK6]          # model prefixes; none: every model
 *         months: 36             # each optional, a whole number > 0
 *         km: 200000
 *         hours: 6000
 *         suppliers: {engine: 玉柴机器}  # component: its supplier
 * The stored value is a JSON object: {"v": "in" | "out" | "unknown",
 * the limits compared ("mo", "km", "hr": [seen, limit]), "pol" (the
 * policy), "comp" and "sup" (the component and its supplier), and for
 * unknown "why": "noprod" (not in the register), "nopol" (no policy for
 * the model), "nodate" (no delivery date) or "noreg"}; shown
 * as "out: 38 months > 36, 212,000 km > 200,000; supplier 玉柴机器
 * (engine)".  A condition tests the verdict: {warranty: in}.
 *   score:                      # a weighted score (survey, R2 §3.4.1)
 *     type: score
 *     weights: {attitude: 3, repair: 2}   # question field: weight > 0
 * Each question is an int field with min: and max: (its scale) or an
 * enum field whose codes are whole numbers (the scale is the lowest to
 * the highest).  The score is the weighted mean of the answered
 * questions, each as (answer - lowest) / (highest - lowest), in percent
 * with one decimal ("87.5"); none answered: no score.
 *
 * print: of a record type, the page `aftersales print NUMBER` renders
 * (80 columns, aligned by display width):
 *   print:
 *     title: {zh: 客户意见处理表, en: Customer opinion form}
 *     sections:
 *       - label: {zh: 客户, en: Customer}
 *         fields: [customer_name, phone, address]
 *     sign:                      # optional: the place for the signature
 *       label: {zh: 客户签字（盖章）, en: Customer signature or stamp}
 *       by: signed_by            # each optional: shown once set, a
 *       at: signed_at            # blank to fill in by hand before
 *       comment: customer_comment
 *       code: sign_code
 *     copies: 2                  # optional: that many copies, each
 *                                # marked "copy 1 of 2" (1 to 9)
 *   printer: [lp]                # top level: the command (argv, no
 *                                # shell) the workstation's P sends the
 *                                # page to; default lp
 *
 * Stock (R2 §3.6, §3.7).  Accounts are units (units:): the central
 * store, each service station, old parts, scrap, parts issued.  A
 * transition's moves: moves stock in its write transaction; each
 * movement is journalled by the store with the record's number and the
 * line, and no balance may go below zero (the step is refused, naming
 * the balance):
 *   moves:
 *     - lines: issue_now        # a lines field (else part: and
 *                               # quantity: are fields of the record)
 *       part: part              # its column holding the part code
 *       quantity: quantity      # its column (int) holding the quantity
 *       from: central           # an account (unit id) or {field: F},
 *       to: {field: account}    # F a unit field; either may be absent
 *       # {unit: issued, per: workorder}: the account keeps the parts
 *       # per the value of a field (per: number: the record's own
 *       # number), a balance per (account, part, value) that never goes
 *       # below zero either (R2 §3.6.1: the parts out per work order)
 *       against:                # optional: capped by other lines of the
 *         lines: lines          # record, per part: what `quantity`
 *         quantity: quantity    # allows minus what `done` holds; `done`
 *         done: issued          # is raised by what moves now
 *       clear: true             # empty the lines field afterwards
 *       when: {disposal: scrapped}  # move only when the record matches
 *       needs: {old_parts_returned: 'yes'}  # refused unless this holds
 *                               # (checked when there is stock to move)
 *     - lines: lines            # a stock count: moves counted minus the
 *       part: part              # balance of to: (either sign), writes
 *       counted: counted        # the balance into book: and the
 *       book: quantity          # difference into variance:; dry: true
 *       variance: variance      # only writes them
 *       to: {field: account}
 *   until_done: true            # with against: the record goes to to:
 *                               # only when every line is done
 *   lower_only: {lines: lines, part: part, quantity: quantity}
 *                               # the step may only lower quantities of
 *                               # the lines (or drop lines), by part
 *   to_when:                    # the state by a condition (first match;
 *     - {when: {disposal: evidence}, to: evidence}   # else to:)
 *
 * The parts master and the accounts are top-level:
 *   stock:
 *     parts: part                # the record type of the parts
 *     code: code                 # text with an exact lookup: the code
 *     barcode: barcode           # optional, another exact lookup
 *     name: name                 # optional: name, name_en, unit (text),
 *     name_en: name_en           # min (int, the minimum stock), cost
 *     unit: unit                 # (money, the unit cost)
 *     min: min_stock
 *     cost: unit_cost
 *     accounts: [central, station_luoyang, old_parts, scrap, issued]
 * A moved part is looked up by its code or barcode (it must exist) and
 * journalled under its code.
 *
 * costs: service costs (R1 §5.2, §6, §9; R2 §3.4.1, §3.4.3, §3.8), read by
 * core/money.c; every key but field: and columns: is optional:
 *   costs:
 *     field: costs               # the lines field of cost lines, on every
 *                                # record type that has one
 *     columns: {type: type, amount: amount, bearer: bearer, staff: staff,
 *               confirmed: confirmed, reason: reason, part: part,
 *               quantity: quantity}  # its columns: type and bearer enums,
 *                                # amount money, staff and confirmed ref:
 *                                # user, reason and part text, quantity int
 *     bearers:                   # the default bearer, first match wins
 *       - {case: {category: non_quality}, bearer: customer, clause: R1 §5.2}
 *       - {types: [travel, lodging], staff_in: branch, bearer: branch}
 *     confirm: [finance]         # who sets confirmed (to their login)
 *     parts: {type: part, code: code, cost: unit_cost}  # prices parts lines
 *     chargeback: recovered_amount   # money: recovered from the customer
 *     advance: advance           # money: the cash advance
 *     expenses: [travel, lodging, allowance]  # the expense claim's types
 *     legacy: {cost_travel: travel}  # money fields `upgrade` makes lines
 *     legacy_bearer: cost_bearer     # enum: the old bearer of them all
 *     claims: {type: claim, supplier: supplier, claimed: amount_claimed,
 *              credited: amount_credited}  # the supplier claims
 * A rule's tests (types:, staff_in: a unit, case: one field of the
 * record and its codes) must all hold; a bearer other than the default
 * needs a reason; see README "Service costs and supplier claims".
 * A creates: copy: from a warranty field into a text field copies the
 * supplier the check names.
 *
 * KPI figures (R2 §3.2.1).  A target says how its figure is measured,
 * per calendar month of the configured zone:
 *   timeliness:
 *     label: {...}
 *     min: 90
 *     measure: clocks          # the clocks (timeliness: true) of every
 *                              # type that fell due in the month: met over
 *                              # all, open overdue ones counted as missed
 *     engineer: {complaint: owner, workorder: lead}  # per type, optional
 *   complaint_rate:
 *     max: 3
 *     count: {type: complaint, at: received_at,
 *             when: {responsible_dept: service}, engineer: owner}
 *     over:  {type: workorder, at: signed_at, engineer: lead}
 * count: (the numerator) and over: (the denominator) each take the
 * records of type whose at: (a date or datetime field) falls in the month
 * and that match when: (the condition language; a score field takes min:
 * and max: in percent, one decimal).  engineer: names a ref: user field:
 * the figure by engineer.  The unit is the type's unit_field:.  A target
 * without measure: or count: has no figure.  The figures are read from
 * index keys kept with the records (after changing them: reindex).
 *
 * Reports of records (aftersales report ID), a paper form's table:
 *   reports:
 *     register:
 *       label: {zh: 客户投诉登记追踪表, en: Complaint register}
 *       clause: R1 §5.1
 *       type: complaint
 *       at: received_at          # --month picks the records by it
 *       columns:                 # as list: (field:, show:, label:)
 *         - {show: number, label: {zh: 投诉编号, en: Complaint no.}}
 *         - {field: customer_name}
 *
 * Overlay rules for `include:`: maps are merged key by key (the including
 * file wins on a scalar, adds new keys), lists are replaced.
 */
#ifndef AS_CONFIG_H
#define AS_CONFIG_H

#include <regex.h>

#include "as_base.h"

enum cfg_ftype {
	CFG_T_TEXT,
	CFG_T_MULTILINE,
	CFG_T_INT,
	CFG_T_MONEY,    /* integer fen; shown as yuan.fen */
	CFG_T_DATE,     /* stored as UTC seconds of 00:00 in the config tz */
	CFG_T_DATETIME, /* stored as UTC seconds */
	CFG_T_ENUM,     /* value is a code id from the field's code list */
	CFG_T_REF,      /* value is a user login or a record number */
	CFG_T_LINES,    /* line items: canonical JSON, see the schema */
	CFG_T_UNIT,     /* value is the id of a unit of units: */
	CFG_T_WARRANTY, /* computed: the warranty check (三包), see below */
	CFG_T_SCORE,    /* computed: a weighted score in percent, see below */
};

struct cfg_label {
	const char *zh;
	const char *en;
};

struct cfg_code {
	const char *id;
	struct cfg_label label;
};

struct cfg_codelist {
	const char *id;
	size_t ncodes;
	const struct cfg_code *codes;
};

struct cfg_role {
	const char *id;
	struct cfg_label label;
};

/* An organisational unit (R1 §8.1, R2 §3.7.6); see units: above. */
struct cfg_unit {
	const char *id;
	struct cfg_label label;
	const struct cfg_unit *parent;    /* NULL: a top unit */
};

struct cfg_user {
	const char *login;
	const char *name;
	size_t nroles;
	const struct cfg_role *const *roles;
	size_t nunits;                    /* the units the user belongs to */
	const struct cfg_unit *const *units;  /* the first: the default */
};

/* Defaults of the value limits (see the schema above). */
#define CFG_MAXLEN_TEXT 200               /* characters, text */
#define CFG_MAXLEN_MULTILINE 2000         /* characters, multiline */
#define CFG_MONEY_MIN 0LL                 /* fen */
#define CFG_MONEY_MAX 10000000000LL       /* fen: 100,000,000.00 yuan */

struct cfg_field;

/*
 * check: of a warranty field: the fields of its own record the check
 * reads, each NULL when not named (see "Computed fields" above).
 */
struct cfg_wcheck {
	const struct cfg_field *serial;     /* text: looked up in the register */
	const struct cfg_field *date;       /* date or datetime: when; else now */
	const struct cfg_field *km;         /* int: the mileage seen */
	const struct cfg_field *hours;      /* int: the running hours seen */
	const struct cfg_field *component;  /* text or enum: the failed part */
};

/* One question of a score field: its weight and its scale. */
struct cfg_weight {
	const struct cfg_field *field;      /* an int or an enum of numbers */
	long long weight;                   /* > 0 */
	long long lo, hi;                   /* the scale, lo < hi */
};

struct cfg_field {
	const char *id;
	enum cfg_ftype type;
	int required;                     /* set at creation, never blank */
	struct cfg_label label;
	const struct cfg_codelist *codes; /* CFG_T_ENUM only */
	const char *ref;                  /* CFG_T_REF: "user" or a record type id */
	/*
	 * CFG_T_INT, CFG_T_MONEY: the bounds (money in fen), each only when
	 * has_min / has_max; a money field always has both (the defaults
	 * fill in what the YAML leaves out).
	 */
	int has_min, has_max;
	long long min, max;
	size_t maxlen;                    /* text, multiline: characters */
	/* CFG_T_TEXT: the pattern's source (NULL: none) and its description */
	const char *pattern;
	struct cfg_label pattern_hint;
	int default_now;                  /* CFG_T_DATETIME: default: now */
	/* CFG_T_LINES: the columns, each a field of its own (never lines) */
	size_t ncolumns;
	const struct cfg_field *columns;
	/* hint: what the field expects, shown in forms (zh/en, may be NULL) */
	struct cfg_label hint;
	/* group: the section of the paper form it is on (NULL: none) */
	const struct cfg_group *group;
	/* CFG_T_WARRANTY: check: (NULL until resolved) */
	const struct cfg_wcheck *check;
	/* CFG_T_SCORE: weights: the questions */
	size_t nweights;
	const struct cfg_weight *weights;
};

/* A section of a record type's form (groups:): trip, LISTEN, LOOK ... */
struct cfg_group {
	const char *id;
	struct cfg_label label;
	const char *clause;               /* "R2 §3.4.1", may be NULL */
};

struct cfg_state {
	const char *id;
	struct cfg_label label;
	int initial;
	int terminal;
	/*
	 * freeze: once a record has entered this state, these fields (or,
	 * freeze_all, every field) may never change again (R2 §3.3.2).
	 */
	int freeze_all;
	size_t nfreeze;
	const struct cfg_field *const *freeze;
	/*
	 * seal: a text field set, on entering this state, to a code derived
	 * from the record's number and the values of the freeze: fields
	 * (R2 §3.3.2: the sign code of a service report); verify computes
	 * it again.  NULL: none.
	 */
	const struct cfg_field *seal;
};

/*
 * One test of a when: (transitions and clock rules alike; see "The
 * condition language" above).  An unset or blank field matches only
 * {set: false}.
 */
enum cfg_op {
	CFG_OP_EQ,    /* the field equals values[0] */
	CFG_OP_IN,    /* the field equals one of values[0..nvalues) */
	CFG_OP_MAX,   /* int, money, date, datetime field <= num */
	CFG_OP_MIN,   /* the same, >= num */
	CFG_OP_SET,   /* the field has a value (num 1) or has none (num 0) */
};

struct cfg_cond {
	const struct cfg_field *field;
	enum cfg_op op;
	/*
	 * CFG_OP_EQ, _IN: the values, each as the record stores it (an
	 * enum code, a whole number, money in fen); for a date or datetime
	 * field as written, "YYYY-MM-DD[ HH:MM]" in the configured zone.
	 * value is values[0], the one value of CFG_OP_EQ.
	 */
	const char *value;
	size_t nvalues;
	const char *const *values;
	/*
	 * CFG_OP_MAX, _MIN: the bound (money in fen); for a date or
	 * datetime field the bound as written is in value, and num is 0.
	 * CFG_OP_SET: 1 or 0.
	 */
	long long num;
};

/* requires_when: of a transition: fields required when a when: holds. */
struct cfg_reqif {
	size_t nwhen;
	const struct cfg_cond *when;
	size_t nfields;
	const struct cfg_field *const *fields;
};

/* One field copied by a creating step: to (new record) = from (this). */
struct cfg_copy {
	const struct cfg_field *to;
	const struct cfg_field *from;
};

/* creates: of a transition: the record it creates in the same step. */
struct cfg_creates {
	const struct cfg_rectype *type;    /* the new record's type */
	const struct cfg_field *link;      /* its field set to this number */
	const struct cfg_field *back;      /* this record's field set to the
					      new number; NULL: none */
	size_t ncopy;
	const struct cfg_copy *copy;
	/*
	 * per_line: a lines field of this record: one record is created per
	 * line, its line_copy: fields (new field: column) set from the line
	 * (an old part per part replaced).  NULL: one record.
	 */
	const struct cfg_field *per_line;
	size_t nline_copy;
	const struct cfg_copy *line_copy;
};

/*
 * One end of a stock movement: the account (a unit, R2 §3.7.6) named in
 * the YAML (unit) or held by a field of type unit of the record (field).
 * Both NULL: no account at this end.
 */
struct cfg_account {
	const struct cfg_unit *unit;
	const struct cfg_field *field;
	/* per: the account keeps the parts per this field's value (a
	   work order), or per the record's own number; NULL/0: not */
	const struct cfg_field *per;
	int per_number;
};

/*
 * One entry of a transition's moves: (see "Stock" above): the lines
 * (or the record's own fields) it moves between two accounts, in the
 * step's write transaction, journalled by the store's ledger.
 */
struct cfg_move {
	const struct cfg_field *lines;     /* lines field; NULL: the record */
	const struct cfg_field *part;      /* column (or field): part code */
	const struct cfg_field *quantity;  /* column (or field), int */
	struct cfg_account from, to;
	/* against: the lines capping it and their columns */
	const struct cfg_field *against;   /* lines field, NULL: none */
	const struct cfg_field *against_qty;  /* its column: the cap */
	const struct cfg_field *done;      /* its column: moved so far */
	/* stock count: counted column, book and variance columns filled */
	const struct cfg_field *counted, *book, *variance;
	int dry;                           /* fill book/variance only */
	int clear;                         /* empty lines after moving */
	size_t nwhen;                      /* only when these hold */
	const struct cfg_cond *when;
	size_t nneeds;                     /* refused unless these hold */
	const struct cfg_cond *needs;
};

/*
 * lower_only: of a transition: the step may change lines field lines,
 * but only lower a line's quantity (or drop the line), never add a part
 * or raise a quantity (a manager cutting a requisition, R2 §3.6.1).
 */
struct cfg_lower {
	const struct cfg_field *lines, *part, *quantity;
};

/* to_when: of a transition: the state to go to when a condition holds. */
struct cfg_to_when {
	size_t nwhen;
	const struct cfg_cond *when;
	const struct cfg_state *to;
};

struct cfg_transition {
	const char *id;
	struct cfg_label label;
	const char *key;                   /* one key name, may be NULL */
	size_t nfrom;
	const struct cfg_state *const *from;
	const struct cfg_state *to;
	size_t nroles;
	const struct cfg_role *const *roles;
	size_t nrequires;
	const struct cfg_field *const *requires;
	size_t nguards;
	const char *const *guards;         /* names checked against known_guards */
	size_t nwhen;
	const struct cfg_cond *when;
	/*
	 * by: a user reference field of the record (ref: user): only the
	 * user it names, or a user with one of the record type's managers:
	 * roles, may take the transition (besides having one of roles).
	 * NULL: anyone with one of roles.
	 */
	const struct cfg_field *by;
	int reopens;                       /* may leave a terminal state */
	/*
	 * exception: true (and every reopens: true): a path the customer or
	 * a dispute asks for, not the work the record waits for: it puts no
	 * record in a queue, and what a record waits for lists it after the
	 * main steps.
	 */
	int exception;
	const struct cfg_creates *creates; /* NULL: creates no record */
	int scope_unit;                    /* scope: unit (see units:) */
	/*
	 * context: fields shown read-only above the inputs of the step's
	 * form (a QC step shows the description and the cause analysis);
	 * the money fields among them are added up into a total row.
	 */
	size_t ncontext;
	const struct cfg_field *const *context;
	/*
	 * requires_when: more fields required when the record (with the
	 * step's inputs) matches a condition.  stay: the record keeps its
	 * state (to is then NULL).
	 */
	size_t nreqif;
	const struct cfg_reqif *reqif;
	int stay;
	/*
	 * moves: the stock the step moves (see "Stock" above); until_done:
	 * with an against: move, the record goes to `to:` only once every
	 * line against is done, keeping its state until then; to_when: the
	 * first whose condition holds gives the state instead of to:.
	 */
	size_t nmoves;
	const struct cfg_move *moves;
	int until_done;
	size_t nto_when;
	const struct cfg_to_when *to_when;
	const struct cfg_lower *lower_only;  /* NULL: none */
};

struct cfg_edit {
	size_t nstates;
	const struct cfg_state *const *states;
	size_t nroles;
	const struct cfg_role *const *roles;
	size_t nfields;
	const struct cfg_field *const *fields;
	const struct cfg_field *by;        /* as struct cfg_transition's by */
	int scope_unit;                    /* scope: unit (see units:) */
};

/* Who may create records of a type, and the fields they may set then. */
struct cfg_create {
	size_t nroles;
	const struct cfg_role *const *roles;
	size_t nfields;
	const struct cfg_field *const *fields;
};

/* A rule of a clock: when every test holds, the deadline is hours away. */
struct cfg_rule {
	double hours;                      /* > 0 */
	const char *clause;                /* "R2 §3.2.2", may be NULL */
	size_t nwhen;
	const struct cfg_cond *when;
};

/* An SLA clock of a record type. */
struct cfg_clock {
	const char *id;
	struct cfg_label label;
	int start_create;                  /* starts when the record is created */
	size_t nstart;
	const struct cfg_transition *const *start;
	size_t nstop;
	const struct cfg_transition *const *stop;
	size_t nrules;
	const struct cfg_rule *rules;      /* first match wins */
	/*
	 * start: / stop: {field: F}: a datetime field whose value starts
	 * (stops) the clock at the time it holds, not at the write (NULL:
	 * none).  pause: the states in which the clock does not run.
	 */
	const struct cfg_field *start_field;
	const struct cfg_field *stop_field;
	size_t npause;
	const struct cfg_state *const *pause;
	int timeliness;                    /* counts in core_timeliness */
};

/* How a lookup matches (lookups:). */
enum cfg_lookup_kind {
	CFG_LK_EXACT,
	CFG_LK_PREFIX,
	CFG_LK_SUFFIX,
	CFG_LK_DIGITS_TAIL,
	CFG_LK_SERIAL,
};

struct cfg_lookup {
	const struct cfg_field *field;
	enum cfg_lookup_kind kind;
};

/* A declared sort order (sorts:). */
struct cfg_sort {
	const char *id;
	const struct cfg_field *field;
};

/* What a list column shows: a field or one of the built-in columns. */
enum cfg_show {
	CFG_SHOW_FIELD,
	CFG_SHOW_NUMBER,
	CFG_SHOW_STATE,
	CFG_SHOW_AGE,
	CFG_SHOW_DUE,
	CFG_SHOW_WAITS,    /* list: only */
};

struct cfg_column {
	enum cfg_show show;
	const struct cfg_field *field;     /* CFG_SHOW_FIELD */
	const struct cfg_field *alt;       /* or:, may be NULL */
	struct cfg_label label;            /* zh/en NULL: the default */
	int width;                         /* 0: none given */
	int share;                         /* columns: percent, 0: none */
	int wide;                          /* columns: 0: always shown */
	const char *name;                  /* list: json key, NULL: field id */
};

/* One section of a print: layout: a heading and its fields. */
struct cfg_psection {
	struct cfg_label label;
	size_t nfields;
	const struct cfg_field *const *fields;
};

/*
 * print: of a record type, the page `aftersales print` renders: a title,
 * sections of fields and a place for the signature (sign:), whose fields
 * (each NULL when not named) are shown once set, blank lines otherwise.
 */
struct cfg_print {
	struct cfg_label title;
	size_t nsections;
	const struct cfg_psection *sections;
	int has_sign;                      /* sign: given */
	struct cfg_label sign_label;
	const struct cfg_field *sign_by, *sign_at, *sign_comment, *sign_code;
	int copies;                        /* copies: pages printed (0: 1) */
};

struct cfg_rectype {
	const char *id;
	struct cfg_label label;
	const char *prefix;
	size_t nfields;
	const struct cfg_field *fields;
	size_t nstates;
	const struct cfg_state *states;
	const struct cfg_state *initial;
	size_t ntransitions;
	const struct cfg_transition *transitions;
	size_t nedits;
	const struct cfg_edit *edits;
	size_t nclocks;
	const struct cfg_clock *clocks;
	/* managers: roles that may take a by: step for whoever it names */
	size_t nmanagers;
	const struct cfg_role *const *managers;
	size_t ncreates;
	const struct cfg_create *creates;  /* none: nobody may create one */
	const struct cfg_field *unit_field;  /* unit_field: (type unit) */
	size_t nlookups;
	const struct cfg_lookup *lookups;
	size_t nsorts;
	const struct cfg_sort *sorts;
	size_t ncolumns;                   /* the workstation's list pane */
	const struct cfg_column *columns;
	size_t nlist;                      /* the command line's list */
	const struct cfg_column *list;
	const char *view;                  /* view: (NULL: mine) */
	/*
	 * warn_duplicate: a new record whose values of all these fields
	 * equal an open record's of the type is a likely duplicate: the
	 * workstation warns and offers the open one, `new` refuses it
	 * without --force (core_open_duplicate).
	 */
	size_t nwarn_dup;
	const struct cfg_field *const *warn_dup;
	size_t ngroups;                    /* groups: the form's sections */
	const struct cfg_group *groups;
	const struct cfg_print *print;     /* print: (NULL: none) */
};

/* A component a warranty policy says a supplier covers. */
struct cfg_wsupplier {
	const char *component;
	const char *supplier;
};

/* A warranty policy of a model family (warranty: policies:). */
struct cfg_policy {
	const char *id;
	struct cfg_label label;
	size_t nmodels;                    /* model prefixes; 0: every model */
	const char *const *models;
	long long months, km, hours;       /* each 0: no such limit */
	size_t nsuppliers;
	const struct cfg_wsupplier *suppliers;
};

/* warranty: the product register and the policies (R2 §3.3.1). */
struct cfg_warranty {
	const struct cfg_rectype *reg;     /* register: the product type */
	const struct cfg_field *serial;    /* its field with an exact lookup */
	const struct cfg_field *model;     /* text */
	const struct cfg_field *delivered; /* date or datetime */
	const struct cfg_field *parts;     /* lines, may be NULL */
	const struct cfg_field *part_component, *part_supplier; /* columns */
	size_t npolicies;
	const struct cfg_policy *policies; /* first match wins */
};

/*
 * A rule of costs: bearers: (R1 §5.2, §9): the default bearer of a cost
 * line, first match wins.  Each test is optional: types (the line's cost
 * type is one of them), staff_in (the line's staff belongs to that unit or
 * one under it), case_field (the record's field of that id holds one of
 * case_values; a type without the field never matches).
 */
struct cfg_crule {
	size_t ntypes;
	const char *const *types;
	const struct cfg_unit *staff_in;
	const char *case_field;
	size_t ncase;
	const char *const *case_values;
	const char *bearer;                /* a code of the bearer column */
	const char *clause;                /* "R1 §9.1", may be NULL */
};

/* A legacy money field folded into a cost line of type by upgrade. */
struct cfg_legacy {
	const char *field;
	const char *type;
};

/*
 * costs: service costs (R1 §5.2, §6, §9; R2 §3.4.1, §3.4.3, §3.8).  Field
 * ids, not pointers: the cost lines field is the same on every record
 * type that has it (complaint, work order).  Every id is checked by the
 * loader; a NULL one is not configured.
 */
struct cfg_costs {
	const char *field;                 /* the lines field of cost lines */
	/* its columns */
	const char *type, *amount, *bearer, *staff, *confirmed, *reason,
	    *part, *quantity;
	size_t nrules;
	const struct cfg_crule *rules;     /* bearers: */
	size_t nconfirm;                   /* confirm: roles that confirm a */
	const struct cfg_role *const *confirm;  /* line's bearer (R1 §6) */
	const char *parts_type;            /* parts: the part master type, */
	const char *parts_code;            /* its code field (exact lookup) */
	const char *parts_cost;            /* and its unit cost (money) */
	const char *chargeback;            /* money: recovered (R1 §5.2) */
	const char *advance;               /* money: cash advance (R2 §3.4.1) */
	size_t nexpenses;                  /* the cost types of an expense */
	const char *const *expenses;       /* claim (R2 §3.4.3) */
	size_t nlegacy;                    /* legacy: money fields folded */
	const struct cfg_legacy *legacy;   /* into lines by upgrade */
	const char *legacy_bearer;         /* enum: the old single bearer */
	const char *claim_type;            /* claims: the supplier claim type */
	const char *claim_supplier, *claim_claimed, *claim_credited;
};

/* stock: the parts master and the stock accounts (see "Stock" above). */
struct cfg_stock {
	const struct cfg_rectype *parts;   /* the record type of the parts */
	const struct cfg_field *code;      /* text, exact lookup: the code */
	const struct cfg_field *barcode;   /* text, exact lookup; may be NULL */
	const struct cfg_field *name, *name_en, *unit;  /* each may be NULL */
	const struct cfg_field *min;       /* int: minimum stock, may be NULL */
	const struct cfg_field *cost;      /* money: unit cost, may be NULL */
	size_t naccounts;                  /* the units that are accounts */
	const struct cfg_unit *const *accounts;
};

/*
 * counter: the store counter (aftersales counter, C in the workstation;
 * R2 §3.6.1, §3.7.2): the clerk picks one of its moves and the document
 * once, then scans parts into its lines.  Needs stock: (the parts, their
 * code and name).
 *
 *   counter:
 *     receive:                   # id: letters, digits, _
 *       label: {zh: 收货入库, en: Receive}
 *       type: receipt            # the document: a record type
 *       step: post               # the step that posts it; its first
 *                                # moves: entry with lines: gives the
 *                                # lines, part and quantity columns, the
 *                                # accounts (from: checked for stock)
 *                                # and against: (the caps)
 *       ask: [account]           # fields of a new document asked once
 *       set: {account: old_parts}  # fields of a new document set as
 *                                # given, without asking
 *     issue:
 *       label: {...}
 *       type: requisition
 *       step: issue
 *       against: true            # an existing document, asked by number
 *
 * A new document is created and its step taken in one transaction; an
 * against: document takes the step.  The balance each line shows after
 * is that of the move's from: account (to: when it has no from:).
 */
struct cfg_counter_set {
	const struct cfg_field *field;
	const char *value;                  /* as typed */
};
struct cfg_counter_move {
	const char *id;
	struct cfg_label label;
	const struct cfg_rectype *type;     /* the document */
	const struct cfg_transition *step;  /* posts it */
	const struct cfg_move *mv;          /* step's moves: entry (lines) */
	int against;                        /* an existing document */
	size_t nask;
	const struct cfg_field *const *ask; /* asked once, new documents */
	size_t nset;
	const struct cfg_counter_set *set;  /* set once, new documents */
};
struct cfg_counter {
	size_t nmoves;
	const struct cfg_counter_move *moves;
};

/* A maintenance command (reindex, backup, demo, import), who may run it. */
struct cfg_maint {
	const char *id;
	size_t nroles;
	const struct cfg_role *const *roles;
};

/*
 * count: or over: of a KPI target: the records of type whose at: field
 * (date or datetime) falls in the month and that match when:; each
 * counted for the record's unit (its type's unit_field:) and for the user
 * its engineer: field names (ref: user; NULL: none).
 */
struct cfg_kpi_set {
	const struct cfg_rectype *type;
	const struct cfg_field *at;
	size_t nwhen;
	const struct cfg_cond *when;
	const struct cfg_field *engineer;
};

/* engineer: of a measure: clocks target: per record type, its field. */
struct cfg_kpi_eng {
	const struct cfg_rectype *type;
	const struct cfg_field *field;     /* ref: user */
};

struct cfg_target {
	const char *id;
	struct cfg_label label;
	int has_min, has_max;
	double min, max;
	/*
	 * How the figure is measured (R2 §3.2.1; see "KPI figures" above):
	 * clocks: the SLA clocks (timeliness: true) that fell due in the
	 * month, met over all, the open overdue ones included; else
	 * count: over over: (both set), or nothing (count NULL: only the
	 * target is known, no figure is shown).
	 */
	int clocks;
	size_t neng;
	const struct cfg_kpi_eng *eng;
	const struct cfg_kpi_set *count, *over;
};

/*
 * A report of records (reports:, `aftersales report ID`): a paper form's
 * table, such as the complaint register (客户投诉登记追踪表, R1 §5.1):
 * the records of type, those whose at: falls in the month asked for
 * (indexed per month), in the columns of a list: (cfg_column).
 */
struct cfg_report {
	const char *id;
	struct cfg_label label;
	const char *clause;                /* "R1 §5.1", may be NULL */
	const struct cfg_rectype *type;
	const struct cfg_field *at;        /* date or datetime */
	size_t ncolumns;
	const struct cfg_column *columns;
};

struct cfg {
	const char *path;          /* the file given to cfg_load */
	const char *timezone;      /* default "Asia/Shanghai" */
	int allow_user_override;
	size_t nroles;
	const struct cfg_role *roles;
	size_t nusers;
	const struct cfg_user *users;
	size_t ncodelists;
	const struct cfg_codelist *codelists;
	size_t nrectypes;
	const struct cfg_rectype *rectypes;
	size_t ntargets;
	const struct cfg_target *targets;
	size_t nmaint;
	const struct cfg_maint *maint;     /* maintenance: */
	size_t nunits;
	const struct cfg_unit *units;      /* units: */
	const struct cfg_warranty *warranty; /* warranty: (NULL: none) */
	const struct cfg_costs *costs;     /* costs: (NULL: none) */
	size_t nprinter;                   /* printer: the command's argv */
	const char *const *printer;        /* (default: lp) */
	const struct cfg_stock *stock;     /* stock: (NULL: none) */
	const struct cfg_counter *counter; /* counter: (NULL: none) */
	size_t nreports;
	const struct cfg_report *reports;  /* reports: */
};

/*
 * One problem found while loading.  text is the whole formatted message:
 * "file:line:col: message\n<the offending line>\n<spaces>^", safe to
 * print as it is: control characters of the file name, the message and
 * the line are escaped (as_esc; the line keeps its backslashes and has its
 * tabs expanded).  message is escaped too; file is the name as given.
 */
struct cfg_diag {
	char *file;
	int line, col;
	char *message;
	char *text;
};

struct cfg_diags {
	size_t n;
	struct cfg_diag *v;
};

/*
 * Load the YAML file at path.  known_guards is a NULL-terminated list of the
 * guard names the program implements (a transition naming another one is
 * an error; NULL accepts any name).  On success returns 0 and *out is the
 * model (free it with cfg_free).  On failure returns AS_E_CONFIG (or -errno
 * if the file cannot be read), *out is NULL, every problem found is in
 * diags (free with cfg_diags_free) and err carries the first one.  diags
 * (may be NULL) is overwritten, sorted by file and position; an unreadable
 * file gives one diag with line 0 whose text is the message "cannot read
 * config file X: reason".  An included file that cannot be read is a diag
 * at the include: line.
 */
int cfg_load(const char *path, const char *const *known_guards,
	     struct cfg **out, struct cfg_diags *diags, struct as_err *err);
/*
 * Flags of cfg_load_flags.  CFG_ROOT_ONLY is for a privileged (setuid or
 * setgid) process, whose caller must not pick its rules: every file, the
 * included ones too, must be owned by root and writable by root alone, and
 * every folder on its real path owned by root and writable by root alone
 * (or sticky, like /tmp).  A file that is not is refused with AS_E_PERM and
 * one sentence that names it and says why; an included one is also a diag
 * at its include: line.  The file's contents are never parsed or shown.
 */
enum {
	CFG_ROOT_ONLY = 1,
};
/* cfg_load with flags (0: the same as cfg_load); AS_E_PERM as above. */
int cfg_load_flags(const char *path, const char *const *known_guards,
		   int flags, struct cfg **out, struct cfg_diags *diags,
		   struct as_err *err);
/*
 * The same for YAML text already in memory (data, len bytes, need not be
 * NUL-terminated): name is what messages call it, and an include: in it
 * is read from disk relative to name's directory.
 */
int cfg_load_mem(const char *name, const char *data, size_t len,
		 const char *const *known_guards, struct cfg **out,
		 struct cfg_diags *diags, struct as_err *err);
void cfg_free(struct cfg **cfg);
/*
 * A compiled configuration, to keep and use again instead of parsing the
 * YAML at every start (cfg_image.c).  cfg_image gives the bytes of c (a
 * malloc'd blob of len bytes) if c was loaded from files and can be kept;
 * else -1.  cfg_from_image makes the model again from such bytes, for the
 * file path read with flags as cfg_load_flags would; -1 (and nothing
 * loaded) if they are of another build or path, any file has changed or
 * is refused under CFG_ROOT_ONLY, or another model holds the place they
 * need: then load the files.
 */
int cfg_image(const struct cfg *c, void **blob, size_t *len);
int cfg_from_image(const void *blob, size_t len, const char *path, int flags,
		   struct cfg **out);
/*
 * For tests only: how many files cfg_from_image has read and checked
 * whole in this process, rather than take them as the same by their stat
 * (cfg_yaml.c, ld_same_file).
 */
unsigned long cfg_content_checks(void);
void cfg_diags_free(struct cfg_diags *d);

/* Lookups: NULL when absent. */
const struct cfg_rectype *cfg_rectype(const struct cfg *c, const char *id);
const struct cfg_rectype *cfg_rectype_by_prefix(const struct cfg *c,
						const char *number);
const struct cfg_user *cfg_user(const struct cfg *c, const char *login);
const struct cfg_role *cfg_role(const struct cfg *c, const char *id);
const struct cfg_field *cfg_field(const struct cfg_rectype *t, const char *id);
const struct cfg_state *cfg_state(const struct cfg_rectype *t, const char *id);
const struct cfg_transition *cfg_transition(const struct cfg_rectype *t,
					    const char *id);
const struct cfg_clock *cfg_clock(const struct cfg_rectype *t,
				  const char *id);
const struct cfg_sort *cfg_sort(const struct cfg_rectype *t, const char *id);
/* The sort over field f, NULL if none. */
const struct cfg_sort *cfg_sort_of(const struct cfg_rectype *t,
				   const struct cfg_field *f);
/* The lookup of kind on field f, NULL if none. */
const struct cfg_lookup *cfg_lookup_of(const struct cfg_rectype *t,
				       const struct cfg_field *f,
				       enum cfg_lookup_kind kind);
const struct cfg_code *cfg_code(const struct cfg_codelist *l, const char *id);
const struct cfg_unit *cfg_unit(const struct cfg *c, const char *id);
/* 1 if unit u is top or one of its sub-units (at any depth). */
int cfg_unit_within(const struct cfg_unit *u, const struct cfg_unit *top);
/*
 * 1 if a record of unit u (NULL: a record without a unit) is within the
 * units of user: u is one of them or a sub-unit of one; a record without
 * a unit is within the units of a user of a top unit only.
 */
int cfg_user_unit_ok(const struct cfg_user *user, const struct cfg_unit *u);
/*
 * 1 if the stored value v of field f matches the field's pattern: (or f
 * has none).  v is matched whole.
 */
int cfg_pattern_ok(const struct cfg_field *f, const char *v);
/* The roles maintenance: names for command (NULL: nobody may run it). */
const struct cfg_maint *cfg_maintenance(const struct cfg *c,
					const char *command);
/* 1 if user has role. */
int cfg_user_has_role(const struct cfg_user *u, const struct cfg_role *r);
/* 1 if user has one of the n roles. */
int cfg_user_has_any(const struct cfg_user *u,
		     const struct cfg_role *const *roles, size_t n);
/* The label in lang ("zh" or "en"), falling back to the other, then id. */
const char *cfg_text(const struct cfg_label *l, const char *lang,
		     const char *fallback);

#endif
