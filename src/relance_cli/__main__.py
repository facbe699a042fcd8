from relance_cli.cli import main

main()
