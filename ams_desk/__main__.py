from ams_desk.cli import main

raise SystemExit(main())
