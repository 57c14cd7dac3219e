#!/bin/sh
# The full screen shows what happens now (issue 11), fed by a stand-in
# chronyc whose answer the test rewrites: a client that appears after the
# first poll is marked new and counted (+1 new) for --highlight seconds; one
# no longer listed stays on view as gone (-1 gone), dimmed, then leaves;
# counters that went down everywhere give reset marks and the header's
# "chronyd restarted HH:MM:SS"; an open card shows its rates.
. "$top_srcdir/tests/lib/common.sh"
. "$top_srcdir/tests/lib/tmux.sh"
ui_setup
dir=$UI_DIR

# Makes the stand-in answer with the rows "ADDR:PACKETS" given (atomically).
answer() {
	for a in "$@"; do
		echo "${a%:*},${a#*:},0,-2,127,1,0,0,127,4294967295"
	done >"$dir/next.csv"
	mv "$dir/next.csv" "$dir/clients.csv"
}

# Prints the screen's lines holding text $1.
lines_with() {
	tmux_screen | grep -F -- "$1"
}

# Succeeds if a card title holds address $1 and then the tag $2.
tagged() {
	lines_with "$1 " | grep -q -- "$1 .* $2 "
}

# Succeeds if no card title holds address $1 and then the tag $2.
untagged() {
	! tagged "$@"
}

# Succeeds if the header says when chronyd restarted (HH:MM:SS).
restart_time() {
	lines_with "chronyd restarted" | grep -q "chronyd restarted [0-2][0-9]:[0-5][0-9]:[0-6][0-9]"
}

# Succeeds if an open card shows a rate per second.
rate_row() {
	lines_with "rate " | grep -q "rate  *[0-9.][0-9.]*/s"
}

ui_fake_chronyc
answer 127.1.0.1:10 127.1.0.2:10
tmux_start 100 30 || exit 99
ui_start "--chronyc '$dir/chronyc' -d 5 -H 5 --judge recent"
expect_screen "Clients 2 " "the first poll: two clients, none new"
check "... no card is marked" [ -z "$(lines_with ' new ')" ]

answer 127.1.0.1:12 127.1.0.2:12 127.1.0.3:1
expect_screen "+1 new" "a client that appears: the header counts it"
check "... and its card is marked new" wait_until 60 tagged 127.1.0.3 new
expect_screen_gone "+1 new" "... for --highlight seconds"
check "... then the mark goes" wait_until 60 untagged 127.1.0.3 new

answer 127.1.0.2:14 127.1.0.3:3
expect_screen "-1 gone" "a client no longer listed: the header counts it gone"
check "... its card stays, marked gone" wait_until 60 tagged 127.1.0.1 gone
expect_screen_gone "127.1.0.1 " "... then it leaves"
expect_screen_gone "-1 gone" "... and the count with it"

answer 127.1.0.2:1 127.1.0.3:1
expect_screen "chronyd restarted " "every counter went down: the header says chronyd restarted"
check "... and when, by our clock" restart_time
check "... the cards are marked reset" wait_until 60 tagged 127.1.0.2 reset

answer 127.1.0.2:41 127.1.0.3:1
tmux_keys Home Enter
expect_screen "drop rate" "an open card has its rate rows"
check "... with values per second" wait_until 60 rate_row
tmux_keys q
expect_restored "q"
finish
