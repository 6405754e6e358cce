# Process and port helpers shared by the tools/ scripts (sourced, not run).
# Each caller defines log(); these use it for their messages.

# True for a live process; an exited one waiting to be reaped is not.
is_running() {
    local st
    kill -0 "$1" 2>/dev/null || return 1
    st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
    [ -n "$st" ] && [ "$st" != Z ]
}

# True when something listens on 127.0.0.1:$1.
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# stop_pid PID NAME: TERM, wait up to 30 s, then KILL as a last resort.
# Returns 1 when the process was not running.
stop_pid() {
    local pid=$1 name=$2
    is_running "$pid" || return 1
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do is_running "$pid" || break; sleep 0.5; done
    if is_running "$pid"; then
        log "$name did not stop within 30 s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    return 0
}
