from spacemedic.cli import main

raise SystemExit(main())
