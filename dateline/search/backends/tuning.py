"""The search engines' tuning, each value with the reason it has that value.

These shape how much work a search does, not what it finds (the ranking weights aside,
which shape the order): they follow from how the indexes are laid out and are not for
operators to set. The benchmark (`bench/bench_search.py`) is how a change is judged.
The engines read them here at each search, so a test may set one for its duration.
"""

# Ranking

# SQLite FTS5 column weights, in column order (headline, standfirst, body, topics, byline,
# place): a word in the headline says more about the article than one in its body.
COLUMN_WEIGHTS = (10.0, 5.0, 2.0, 1.5, 1.0, 0.75)
# PostgreSQL ts_rank weights for {D, C, B, A}: byline and place, body and topics,
# standfirst, headline; the same order of importance as COLUMN_WEIGHTS.
RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
# ts_rank normalization 1 divides by 1 + log(document length): a long body does not
# outweigh a headline.
RANK_NORMALIZATION = 1

# SQLite

# Up to this many entries holding a lone word, FTS5's bm25() scores it: its pass over the
# word's entries then costs less than reading the candidates' text to mark them.
BM25_MAX_MATCHES = 100_000
# Slices of the older archive sampled to estimate a full pool's total: enough to spread
# over the archive, few enough to cost less than counting.
SAMPLES = 8
# Each slice is sized to hold about this many matches at the pool's density: enough for a
# stable estimate, far fewer than a count would read.
SAMPLE_MATCHES = 64
# A sampled estimate this far above the cap says "more than": the margin covers the
# sampling error, so a total near the cap is counted exactly.
SAMPLE_ESTIMATE_FACTOR = 1.5

# PostgreSQL

# The planner's estimate this far above the cap says "more than": its lexeme statistics
# are good to a few percent for words.
PLANNER_ESTIMATE_FACTOR = 1.2
# Below this share of the cap, a word's estimate is too far short for its index entries to
# reach the cap: no GIN scan is spent on them.
ENTRIES_ESTIMATE_SHARE = 0.95
# Index entries this far past the cap say "more than" even where a configuration is read
# from the rows, whose entries hold other languages' rows too.
ENTRIES_FACTOR = 1.25
# Matches estimated below this share of the cap are read all at once, sorted and counted:
# a window and a count of the rest would read them twice. Near the cap the count stops at
# the cap while reading everything would not.
READ_ALL_SHARE = 0.9
# Up to this many estimated matches, the GIN index returns them all and they are sorted:
# fewer rows than any window would read.
FEW_MATCHES = 2_000
# From this share of the archive on, reading the newest entries in date order fills the
# pool before a GIN scan of the words would end.
WALK_SHARE = 0.25
# A phrase of words that common is first looked for among the newest PHRASE_WALK times
# the pool, in date order (0: never): a common phrase fills the pool there, where its
# word pairs' posting list is long.
PHRASE_WALK = 4
# A window of the newest entries is sized to hold this many times the pool by the
# estimate: every window rereads the words' posting lists, so one too small costs more
# than one too large.
WINDOW_SLACK = 2.0
# A window that held too few grows this many times: few retries, however far off the
# estimate was.
WINDOW_GROWTH = 8.0
# A window past this share of the archive becomes the whole archive: the date condition
# then saves less than it costs.
MAX_WINDOW_SHARE = 0.4
# Seconds the archive's statistics (row count, date quantiles, languages' shares) are kept
# per process: they change slowly, and reading them is a round trip.
STATISTICS_SECONDS = 300
# A configuration holding more of the archive than this is tested on the rows found, not
# in the GIN index: there it is a posting list of most rows, dearer to intersect than the
# words alone.
LARGE_CONFIG_SHARE = 0.2
# work_mem of a search's transaction: bitmaps of a few hundred thousand rows stay exact
# (at the server's default they turn lossy, and every row of a lossy page is rechecked).
WORK_MEM = "32MB"
# maintenance_work_mem while the GIN indexes are built: a build in one pass, not in runs.
BUILD_MEMORY = "512MB"
# Terms whose lexemes are kept per process (to_tsvector of a word never changes): bounds
# the memory a stream of distinct queries can take.
TERM_SHAPES_KEPT = 10_000
