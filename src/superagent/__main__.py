from superagent.cli import main

main()
