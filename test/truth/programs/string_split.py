line = "a,b,c,d"
fields = line.split(",")
print(fields, len(fields))
