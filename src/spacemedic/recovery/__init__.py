"""`spacemedic fix`: the recovery ladder (restart → factory rebuild → one no-op commit → support),
run with the owner's consent, only where it can help, each outcome watched and recorded.

    ladder.py   per cause, which actions may help and which must never be taken (data)
    plan.py     diagnosis + guard rails -> Plan (pure)
    run.py      Plan -> confirmed actions, watched outcomes, recorded attempts (I/O injected)
    record.py   recorded attempts -> the report's "Already tried" and the classifier's overlay
    models.py   the frozen values
"""
