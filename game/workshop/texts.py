"""The workshop's texts (issue 15): the phones' pages, the console, the launch output.

All in one module, registered like every other part's texts, so they move to a catalogue file
in one piece. Spanish first, English second.
"""

from __future__ import annotations

from game.i18n import register

register(
    {
        # every page
        "workshop.title": {"es": "Taller en el aula", "en": "Classroom workshop"},
        "workshop.other_language": {"es": "English", "en": "Español"},
        "workshop.offline": {
            "es": "Sin conexión: reconectando…",
            "en": "Offline: reconnecting…",
        },
        "workshop.paused": {
            "es": "El taller está en pausa.",
            "en": "The workshop is paused.",
        },
        "workshop.group": {"es": "Grupo {group}", "en": "Group {group}"},
        "workshop.season": {"es": "Temporada {season}", "en": "Season {season}"},
        "workshop.season_of": {
            "es": "Temporada {season} de {limit}",
            "en": "Season {season} of {limit}",
        },
        "workshop.count": {
            "es": "Decidieron {decided} de {people}",
            "en": "{decided} of {people} have decided",
        },
        "workshop.time_left": {"es": "Tiempo: {seconds} s", "en": "Time: {seconds} s"},
        # the landing page and joining
        "workshop.landing.lead": {
            "es": "Escribe el código de sala que ves en el proyector.",
            "en": "Type the room code shown on the projector.",
        },
        "workshop.landing.code": {"es": "Código de sala", "en": "Room code"},
        "workshop.landing.enter": {"es": "Entrar", "en": "Enter"},
        "workshop.join.lead": {
            "es": "Elige tu empresa. Tócala para tomarla: será solo tuya.",
            "en": "Choose your firm. Tap it to take it: it will be yours alone.",
        },
        "workshop.join.take": {"es": "Tomar {name}", "en": "Take {name}"},
        "workshop.join.taken": {"es": "{name}: ocupada", "en": "{name}: taken"},
        "workshop.join.mine": {"es": "Ir a mi empresa", "en": "Go to my firm"},
        # a seat's pages
        "workshop.lobby.lead": {
            "es": "Eres {name}. Espera a que el facilitador empiece el juego.",
            "en": "You are {name}. Wait for the facilitator to start the game.",
        },
        "workshop.lobby.joined": {
            "es": "En tu grupo ya entraron {joined} de {firms}.",
            "en": "{joined} of {firms} have joined your group.",
        },
        "workshop.decide.order": {"es": "Pedido conjunto", "en": "Joint order"},
        "workshop.decide.order_line": {
            "es": "{lots:.1f} lotes por socio a {price} el lote; calidad mínima {quality:.2f}.",
            "en": "{lots:.1f} lots per member at {price} a lot; minimum quality {quality:.2f}.",
        },
        "workshop.decide.offer": {
            "es": "Oferta por fuera (solo tú la ves)",
            "en": "Outside offer (only you see it)",
        },
        "workshop.decide.offer_line": {
            "es": "Un comprador te ofrece {price} el lote por {lots:.1f} lotes.",
            "en": "A buyer offers you {price} a lot for {lots:.1f} lots.",
        },
        "workshop.decide.capital": {"es": "Tu capital: {amount}", "en": "Your capital: {amount}"},
        "workshop.decide.numbers": {
            "es": "Lo que te deja cada opción esta temporada",
            "en": "What each choice leaves you this season",
        },
        "workshop.decide.assumes": {
            "es": "Suponiendo que los otros {others} socios entregan su parte.",
            "en": "Assuming the other {others} members deliver their share.",
        },
        "workshop.decide.if_accepted": {
            "es": "Si aceptan el pedido",
            "en": "If the order is accepted",
        },
        "workshop.decide.if_cancelled": {"es": "Si lo cancelan", "en": "If it is cancelled"},
        "workshop.decide.if_caught": {
            "es": "Si te descubren: multa {fine} (probabilidad {chance:.0%})",
            "en": "If caught: a fine of {fine} ({chance:.0%} chance)",
        },
        "workshop.decide.target": {"es": "¿En qué inviertes?", "en": "What do you invest in?"},
        "workshop.decide.choose": {"es": "Decidir", "en": "Decide"},
        "workshop.decide.secret": {
            "es": "Tu decisión es secreta: nadie más la ve.",
            "en": "Your decision is secret: nobody else sees it.",
        },
        "workshop.confirm.lead": {"es": "¿Confirmas tu decisión?", "en": "Confirm your decision?"},
        "workshop.confirm.yes": {"es": "Sí, confirmar", "en": "Yes, confirm"},
        "workshop.confirm.change": {"es": "Cambiar", "en": "Change"},
        "workshop.decided.lead": {
            "es": "Decisión recibida: {choice}. Esperando a los demás.",
            "en": "Decision received: {choice}. Waiting for the others.",
        },
        "workshop.decided.timer": {
            "es": "Se acabó tu tiempo: la computadora decidió por ti (en secreto).",
            "en": "Your time ran out: the computer decided for you (in secret).",
        },
        "workshop.story.title": {"es": "Lo que pasó", "en": "What happened"},
        "workshop.story.go_on": {"es": "Seguir", "en": "Go on"},
        "workshop.story.waiting": {
            "es": "Esperando a que los demás terminen de leer.",
            "en": "Waiting for the others to finish reading.",
        },
        "workshop.computer.lead": {
            "es": "Tu empresa la maneja ahora la computadora.",
            "en": "The computer runs your firm now.",
        },
        "workshop.computer.take_back": {"es": "Retomar mi empresa", "en": "Take my firm back"},
        "workshop.out.lead": {
            "es": "Tu empresa ya no es socia del consorcio: no decide más.",
            "en": "Your firm is no longer a member of the consortium: it decides no more.",
        },
        "workshop.over.title": {"es": "Fin del juego", "en": "The game is over"},
        "workshop.ended.lead": {
            "es": "El facilitador terminó el taller. ¡Gracias por jugar!",
            "en": "The facilitator ended the workshop. Thank you for playing!",
        },
        # the console
        "workshop.console.title": {"es": "Consola del facilitador", "en": "Facilitator's console"},
        "workshop.console.pin": {"es": "PIN (en la terminal)", "en": "PIN (in the terminal)"},
        "workshop.console.enter": {"es": "Entrar", "en": "Enter"},
        "workshop.console.bad_pin": {"es": "PIN incorrecto.", "en": "Wrong PIN."},
        "workshop.console.locked": {
            "es": "Demasiados intentos: espera un minuto y vuelve a escribir el PIN.",
            "en": "Too many tries: wait a minute and type the PIN again.",
        },
        "workshop.console.code": {"es": "Código de sala: {code}", "en": "Room code: {code}"},
        "workshop.console.address": {
            "es": "Los teléfonos entran en {address}",
            "en": "Phones join at {address}",
        },
        "workshop.console.start": {"es": "Empezar", "en": "Start"},
        "workshop.console.pause": {"es": "Pausar", "en": "Pause"},
        "workshop.console.resume": {"es": "Reanudar", "en": "Resume"},
        "workshop.console.end": {"es": "Terminar el taller", "en": "End the workshop"},
        "workshop.console.next": {"es": "Siguiente temporada", "en": "Next season"},
        "workshop.console.to_computer": {"es": "A la computadora", "en": "To the computer"},
        "workshop.console.release": {"es": "Liberar", "en": "Release"},
        "workshop.console.status.lobby": {
            "es": "Esperando participantes",
            "en": "Waiting for players",
        },
        "workshop.console.status.running": {"es": "En juego", "en": "Playing"},
        "workshop.console.status.ended": {"es": "Terminado", "en": "Ended"},
        "workshop.console.phase.lobby": {"es": "sin empezar", "en": "not started"},
        "workshop.console.phase.deciding": {"es": "decidiendo", "en": "deciding"},
        "workshop.console.phase.resolution": {
            "es": "leyendo la historia",
            "en": "reading the story",
        },
        "workshop.console.phase.ended": {"es": "terminado", "en": "over"},
        "workshop.console.ready": {
            "es": "listos para seguir: {ready}",
            "en": "ready to go on: {ready}",
        },
        "workshop.console.seat.free": {"es": "libre", "en": "free"},
        "workshop.console.seat.joined": {"es": "conectado", "en": "joined"},
        "workshop.console.seat.computer": {"es": "computadora", "en": "computer"},
        "workshop.console.seat.decided": {"es": "decidió", "en": "decided"},
        "workshop.console.seat.waiting": {"es": "pensando", "en": "thinking"},
        "workshop.console.seat.out": {"es": "fuera", "en": "out"},
        "workshop.console.timer": {
            "es": "Tiempo por decisión: {seconds} s (0: sin límite)",
            "en": "Time per decision: {seconds} s (0: no limit)",
        },
        "workshop.console.problem": {
            "es": "Atención: {problem}",
            "en": "Warning: {problem}",
        },
        # refusals (RoomError keys) and error pages
        "workshop.error.title": {"es": "No se pudo", "en": "That did not work"},
        "workshop.error.back": {"es": "Volver al inicio", "en": "Back to the start"},
        "workshop.error.unknown_room": {
            "es": "No hay ninguna sala con el código «{code}». Revisa el código en el proyector.",
            "en": "There is no room with the code “{code}”. Check the code on the projector.",
        },
        "workshop.error.not_found": {
            "es": "Esta página no existe.",
            "en": "This page does not exist.",
        },
        "workshop.error.server": {
            "es": "Algo falló en el servidor. Vuelve a intentarlo; tu empresa sigue guardada.",
            "en": "Something failed on the server. Try again; your firm is still kept.",
        },
        "workshop.error.too_big": {
            "es": "El mensaje es demasiado grande.",
            "en": "The message is too large.",
        },
        "workshop.error.bad_request": {
            "es": "La solicitud no es válida.",
            "en": "The request is not valid.",
        },
        "workshop.error.no_workshop": {
            "es": "Este archivo no tiene ningún taller.",
            "en": "This file holds no workshop.",
        },
        "workshop.error.no_seat": {
            "es": "Este teléfono no tiene ninguna empresa (o la liberaron). Elige una.",
            "en": "This phone holds no firm (or it was released). Choose one.",
        },
        "workshop.error.unknown_seat": {
            "es": "Esa empresa no existe en esta sala.",
            "en": "That firm does not exist in this room.",
        },
        "workshop.error.taken": {
            "es": "Otra persona ya tomó esa empresa. Elige otra.",
            "en": "Someone else has already taken that firm. Choose another.",
        },
        "workshop.error.already_seated": {
            "es": "Este teléfono ya tiene una empresa: no puedes tomar dos.",
            "en": "This phone already holds a firm: you cannot take two.",
        },
        "workshop.error.not_member": {
            "es": "Esa empresa ya no es socia del consorcio.",
            "en": "That firm is no longer a member of the consortium.",
        },
        "workshop.error.ended": {"es": "El taller ya terminó.", "en": "The workshop has ended."},
        "workshop.error.not_started": {
            "es": "El juego aún no empieza.",
            "en": "The game has not started yet.",
        },
        "workshop.error.already_started": {
            "es": "El taller ya empezó.",
            "en": "The workshop has already started.",
        },
        "workshop.error.nobody": {
            "es": "Nadie entró todavía: espera a que al menos un teléfono tome una empresa.",
            "en": "Nobody has joined yet: wait until at least one phone takes a firm.",
        },
        "workshop.error.paused": {
            "es": "El taller está en pausa: espera a que siga.",
            "en": "The workshop is paused: wait for it to go on.",
        },
        "workshop.error.already_decided": {
            "es": "Ya decidiste esta temporada.",
            "en": "You have already decided this season.",
        },
        "workshop.error.not_deciding": {
            "es": "Ahora no hay nada que decidir.",
            "en": "There is nothing to decide now.",
        },
        "workshop.error.refused": {
            "es": "Las reglas no lo permiten ({reason}).",
            "en": "The rules do not allow it ({reason}).",
        },
        "workshop.error.bad_choice": {
            "es": "Elige una de las opciones.",
            "en": "Choose one of the options.",
        },
        "workshop.error.bad_target": {
            "es": "Elige en qué invertir.",
            "en": "Choose what to invest in.",
        },
        "workshop.error.firms": {
            "es": "Cada grupo tiene de {min} a {max} empresas en este nivel.",
            "en": "Each group has {min} to {max} firms in this level.",
        },
        "workshop.error.groups": {
            "es": "Se juega con 1 a {max} grupos.",
            "en": "Play with 1 to {max} groups.",
        },
        "workshop.error.timer": {
            "es": "El tiempo por decisión va de 0 a {max} segundos.",
            "en": "The decision timer is from 0 to {max} seconds.",
        },
        "workshop.error.personality": {
            "es": "No hay ninguna personalidad «{name}».",
            "en": "There is no personality “{name}”.",
        },
        "workshop.error.other_level": {
            "es": "{path} guarda un taller de {level} que sigue en curso: lánzalo con ese nivel, o añade --new para empezar otro (el anterior se guarda aparte).",
            "en": "{path} holds a {level} workshop still running: launch it with that level, or add --new to start another (the old one is kept aside).",
        },
        # the launch output (the laptop's terminal)
        "workshop.launch.ready": {
            "es": "Taller listo. Los teléfonos entran en: {address}",
            "en": "Workshop ready. Phones join at: {address}",
        },
        "workshop.launch.code": {"es": "Código de sala: {code}", "en": "Room code: {code}"},
        "workshop.launch.console": {
            "es": "Consola del facilitador: {address}/console  PIN: {pin} (no lo muestres en el proyector)",
            "en": "Facilitator's console: {address}/console  PIN: {pin} (do not show it on the projector)",
        },
        "workshop.launch.database": {
            "es": "Todo se guarda en {path}: si el servidor se cae, vuelve a lanzarlo igual y sigue donde estaba.",
            "en": "Everything is kept in {path}: if the server stops, launch it the same way and it goes on where it was.",
        },
        "workshop.launch.resumed": {
            "es": "Se retomó el taller guardado en {path}.",
            "en": "Resumed the workshop kept in {path}.",
        },
        "workshop.launch.stop": {"es": "Ctrl+C para detener.", "en": "Ctrl+C to stop."},
    }
)
