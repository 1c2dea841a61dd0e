"""The application services that the command line and the TUI both act through: the
workspace, one service per concern (adoption, issues, retro, comms, locations), settings,
rehearsal copies, the demo rollout and the doctor. No Textual, no Rich."""
