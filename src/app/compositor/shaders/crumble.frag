// crumble.frag: the first pass of Crumble, the new image, which the pieces of the old one
// cover until they fall (see crumble-instances.vert).

vec4
transition (vec2 p)
{
  return to_at (p);
}
