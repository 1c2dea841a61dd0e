from launchtui.cli import main

main()
