// no maths on these pages
