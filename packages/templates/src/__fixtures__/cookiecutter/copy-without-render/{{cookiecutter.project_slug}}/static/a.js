var x = '{{ not rendered }}';
