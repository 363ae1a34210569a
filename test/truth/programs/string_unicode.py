greeting = "héllo"
more = greeting + " wörld"
print(more, len(more))
