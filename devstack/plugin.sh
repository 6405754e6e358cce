#!/bin/bash
# DevStack plugin entry point for Watcher.

source $DEST/watcher/devstack/lib/watcher

if [[ "$1" == "stack" && "$2" == "install" ]]; then
    echo_summary "Installing Watcher"
    install_watcher
    install_watcherclient
    cleanup_watcher
elif [[ "$1" == "stack" && "$2" == "post-config" ]]; then
    echo_summary "Configuring Watcher"
    configure_watcher
    if is_service_enabled key; then
        create_watcher_accounts
    fi
elif [[ "$1" == "stack" && "$2" == "extra" ]]; then
    echo_summary "Initializing Watcher"
    init_watcher
    start_watcher
fi

if [[ "$1" == "unstack" ]]; then
    stop_watcher
fi

if [[ "$1" == "clean" ]]; then
    cleanup_watcher
fi
