from ikros.cli import main

main()
