# an endless loop, stopped at a step limit: the account shows its first and last steps
while True:
    x = 1
