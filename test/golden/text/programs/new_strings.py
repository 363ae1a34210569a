name = input()
n = 3
line = "x" * n
shout = "h".upper()
greeting = "Hi " + name
greeting += "!"
